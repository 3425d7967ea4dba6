import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alo = useSandbox('alo', { users: 1_200 });

/** The stored credentials, counting how often n8n reads (and would decrypt) the ĀLO one. */
class CountingStore extends Map<string, ICredentialDataDecryptedObject> {
	reads = 0;
	get(type: string) {
		if (type === 'aloApi') this.reads++;
		return super.get(type);
	}
}

const getAll: NodeUnderTest = {
	type: 'alo',
	credential: 'aloApi',
	parameters: { resource: 'user', operation: 'getAll', returnAll: true },
};
const userRequests = () => alo.sandbox.requests({ path: '/v1/users' });

describe('ĀLO › credential read once per execution', () => {
	it('reads the API key once for a whole listing, and still sends it with every request', async () => {
		const store = new CountingStore([['aloApi', alo.credentials()]]);
		const { items, error } = await runNode(getAll, { credentials: store });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(900);
		expect(userRequests().length).toBeGreaterThanOrEqual(10);
		// Per execution: the client's base URL and the session; never once per request.
		expect(store.reads).toBeLessThanOrEqual(2);
		for (const request of userRequests())
			expect(request.headers.authorization).toBe(`Bearer ${alo.credentials().apiKey}`);
	});

	it('takes a key changed between executions in the next execution', async () => {
		const store = new CountingStore([['aloApi', alo.credentials()]]);
		expect((await runNode(getAll, { credentials: store })).error).toBeUndefined();
		store.set('aloApi', { ...alo.credentials(), apiKey: 'revoked-key' });
		const { error } = await runNode(getAll, { credentials: store });
		expect(error?.message).toContain('Unauthorized');
		expect(userRequests()[userRequests().length - 1]?.headers.authorization).toBe(
			'Bearer revoked-key',
		);
	});
});
