import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const os1 = useSandbox('os1', { users: 300 });

/** The stored credentials, counting how often n8n reads (and would decrypt) the OS1 one. */
class CountingStore extends Map<string, ICredentialDataDecryptedObject> {
	reads = 0;
	get(type: string) {
		if (type === 'os1Api') this.reads++;
		return super.get(type);
	}
}

const getEmail: NodeUnderTest = {
	type: 'os1',
	credential: 'os1Api',
	parameters: {
		resource: 'user',
		operation: 'getEmail',
		userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	},
};

describe('OS1 › credential read once per execution', () => {
	it('reads the credential (and its token) once for 20 lookup requests, and sends the token with each', async () => {
		const store = new CountingStore([['os1Api', os1.credentials()]]);
		const input = (os1.sandbox.state.users as Array<{ id: string }>)
			.slice(0, 200)
			.map(({ id }) => ({ id }));
		// The first execution fetches the token and stores it in the credential.
		expect((await runNode(getEmail, { credentials: store, input })).error).toBeUndefined();
		const token = store.get('os1Api')?.accessToken;
		expect(token).toBeTruthy();
		os1.sandbox.clearLog();
		store.reads = 0;

		const { items, error } = await runNode(getEmail, { credentials: store, input });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(200);
		const lookups = os1.sandbox.requests({ path: '/core/api/v1/users/email' });
		expect(lookups).toHaveLength(20);
		// Per execution: the client's settings and the session; never once per request.
		expect(store.reads).toBeLessThanOrEqual(2);
		for (const request of lookups) expect(JSON.stringify(request.headers)).toContain(String(token));
	});
});
