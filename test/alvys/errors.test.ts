import { describe, expect, it } from 'vitest';

import { parseAlvysError } from '../../nodes/Alvys/transport';
import { useSandbox } from '../harness/sandbox';

const alvys = useSandbox('alvys', { users: 20 });

/** Calls the sandbox directly: the node never sends an invalid page size. */
async function post(path: string, body: object, token?: string) {
	const response = await fetch(`${alvys.sandbox.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as unknown };
}

describe('Alvys › error messages', () => {
	it('turns a ValidationProblemDetails (pageSize 0) into its field message', async () => {
		const { clientId, clientSecret, audience } = alvys.credentials();
		const token = await post('/oauth/token', {
			client_id: clientId,
			client_secret: clientSecret,
			audience,
			grant_type: 'client_credentials',
		});
		const accessToken = (token.body as { access_token: string }).access_token;
		const invalid = await post('/api/p/v1/users/search', { Page: 0, PageSize: 0 }, accessToken);

		expect(invalid.status).toBe(400);
		expect(parseAlvysError(invalid.body)).toEqual({
			message: "One or more validation errors occurred. 'Page Size' must be greater than '0'.",
			description: undefined,
		});
	});

	it('reads camelCase ProblemDetails, preferring the detail and keeping the title', () => {
		expect(parseAlvysError({ title: 'Forbidden', status: 403, detail: 'Missing scope' })).toEqual({
			message: 'Missing scope',
			description: 'Forbidden',
		});
		expect(parseAlvysError({ title: 'Bad Request', errors: { pageSize: ['Too small.'] } })).toEqual(
			{ message: 'Bad Request: Too small.', description: undefined },
		);
	});

	it('reads an OAuth error from the token endpoint', () => {
		expect(parseAlvysError({ error: 'access_denied', error_description: 'Unauthorized' })).toEqual({
			message: 'Unauthorized',
		});
	});
});
