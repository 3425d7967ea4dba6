import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorError } from '../../shared/errors';
import { createRateLimiter } from '../../shared/rateLimiter';
import { createSession, type SendOptions, type VendorApi } from '../../shared/request';
import type { RequestContext } from '../../shared/types';
import { requireHttpUrl } from '../../shared/validate';
import { wait } from '../../shared/wait';

/**
 * Alvys errors are ASP.NET ProblemDetails, PascalCase per its spec and possibly camelCase:
 * `{Title, Detail, Status, Errors?: {field: [messages]}}`.
 */
export function parseAlvysError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object') {
		return typeof body === 'string' && body ? { message: body } : undefined;
	}
	const data = body as IDataObject;
	const read = (key: string) => data[key] ?? data[key.charAt(0).toLowerCase() + key.slice(1)];
	const title = read('Title');
	const detail = read('Detail');
	const errors = read('Errors');
	const fieldErrors =
		errors && typeof errors === 'object' ? Object.values(errors).flat().join(' ') : '';
	const summary = typeof (detail ?? title) === 'string' ? String(detail ?? title) : '';
	// "One or more validation errors occurred." + field messages, without a stray ".:".
	const separator = /[.!?]$/.test(summary) ? ' ' : ': ';
	const message = [summary, fieldErrors].filter(Boolean).join(separator);
	if (message)
		return { message, description: detail && typeof title === 'string' ? title : undefined };
	const oauth = data.error_description ?? data.error;
	return typeof oauth === 'string' ? { message: oauth } : undefined;
}

export const ALVYS_API: VendorApi = {
	name: 'Alvys',
	credentialType: 'alvysApi',
	parseError: parseAlvysError,
	tokenField: 'accessToken',
	secretFields: ['clientSecret', 'accessToken'],
	hints: {
		401: 'Check the client ID and secret of the Alvys credential, and that the application has not expired.',
		403: 'The Alvys API application cannot read users. In Alvys, open Admin → API Access, edit the application, grant it the Users (read) scope, then run again.',
		429: 'Alvys allows 10 requests per second per token; another workflow may be using the same credential.',
	},
};

/**
 * Alvys allows 10 requests per second per token (https://docs.alvys.com/docs/rate-limits).
 * One limiter per execution: every request of a run uses the credential's one token, and a
 * node keeps no state between executions. Every request, retries included, takes a slot, and
 * the limiter holds a slot for a full second after the response (its safety margin), so
 * arrivals at Alvys stay within 10 per second whatever the network jitter.
 */
const REQUESTS_PER_SECOND = 10;

export interface AlvysClient {
	request<T>(
		method: IHttpRequestMethods,
		path: string,
		body?: IDataObject,
		send?: SendOptions,
	): Promise<T>;
	/** Runs `load` once per execution and shares the result with every item. */
	once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** Paths are relative to `{baseUrl}/api/p/v{apiVersion}`, both from the credential. */
export async function alvysClient(context: RequestContext): Promise<AlvysClient> {
	const { baseUrl, apiVersion } = await context.getCredentials<{
		baseUrl: string;
		apiVersion: string;
	}>('alvysApi');
	const root = requireHttpUrl(context.getNode(), 'Alvys API', 'Base URL', baseUrl);
	const version = String(apiVersion || '1').trim();
	const baseURL = `${root}/api/p/v${encodeURIComponent(version)}`;
	const session = await createSession(context, ALVYS_API);
	const limiter = createRateLimiter({
		requests: REQUESTS_PER_SECOND,
		windowMs: 1000,
		wait: async (ms) => await wait(ms, session.signal),
	});
	const shared = new Map<string, Promise<unknown>>();
	return {
		async once<T>(key: string, load: () => Promise<T>) {
			if (!shared.has(key)) shared.set(key, load());
			return (await shared.get(key)) as T;
		},
		async request<T>(
			method: IHttpRequestMethods,
			path: string,
			body?: IDataObject,
			send: SendOptions = {},
		) {
			const answer = await session.send<T>(
				{ method, baseURL, url: path, body },
				{
					...send,
					aroundAttempt: async (attempt, lastStart) => await limiter.run(attempt, lastStart),
				},
			);
			return answer.body;
		},
	};
}
