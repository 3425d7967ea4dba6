import { describe, expect, it } from 'vitest';
import { sleep } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alvys = useSandbox('alvys', { users: 600 });

interface AlvysUser {
	Id: string;
	Email: string;
	UserName: string;
	Status: string;
	Role: string;
}
const users = () => alvys.sandbox.state.users as AlvysUser[];
const node = (
	parameters: NodeUnderTest['parameters'],
	extra: Partial<NodeUnderTest> = {},
): NodeUnderTest => ({
	type: 'alvys',
	credential: 'alvysApi',
	parameters: { resource: 'user', ...parameters },
	...extra,
});
const tokenRequests = () => alvys.sandbox.requests({ path: '/oauth/token' });
const searches = () => alvys.sandbox.requests({ path: '/api/p/v1/users/search' });
const pageOf = (entry: { body?: unknown }) => (entry.body as { page: number }).page;

describe('Alvys › credential', () => {
	it('fetches one token and reuses it across pages and items', async () => {
		const { items, error, credentials } = await runNode(
			node({ operation: 'getAll', returnAll: true }),
			{
				credentials: { alvysApi: alvys.credentials() },
				input: [{}, {}],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2 * users().length);
		expect(tokenRequests()).toHaveLength(1);
		expect(tokenRequests()[0].body).toEqual({
			client_id: 'alvys-sandbox-client',
			client_secret: 'alvys-sandbox-secret',
			audience: 'https://api.alvys.com/public/',
			grant_type: 'client_credentials',
		});
		const token = credentials.get('alvysApi')?.accessToken;
		expect(token).toMatch(/^alvys-/);
		expect(searches().every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
	});

	it('refreshes an expired token once, then succeeds', async () => {
		const credentials = { alvysApi: { ...alvys.credentials(), accessToken: 'alvys-expired' } };
		const { items, error } = await runNode(
			node({ operation: 'getAll', returnAll: false, limit: 5 }),
			{
				credentials,
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(tokenRequests()).toHaveLength(1);
		expect(searches().map((r) => r.status)).toEqual([401, 200]);
	});

	it('refreshes a token that expired between executions, once, then reuses the new one', async () => {
		const lifetime = useSandboxOption('tokenTtlSeconds', 0.3);
		try {
			const store = new Map([['alvysApi', alvys.credentials()]]);
			const getFive = node({ operation: 'getAll', returnAll: false, limit: 5 });
			expect((await runNode(getFive, { credentials: store })).error).toBeUndefined();
			const expired = store.get('alvysApi')?.accessToken;
			await sleep(400);
			alvys.sandbox.clearLog();

			const { items, error } = await runNode(getFive, { credentials: store, input: [{}, {}] });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(10);
			expect(tokenRequests()).toHaveLength(1);
			expect(searches().map((r) => r.status)).toEqual([401, 200, 200]);
			expect(store.get('alvysApi')?.accessToken).not.toBe(expired);
		} finally {
			lifetime.restore();
		}
	});

	it("passes the editor's credential test: token fetched, then one authorized search", async () => {
		const { error, credentials } = await testCredential('alvysApi', alvys.credentials());
		expect(error).toBeUndefined();
		expect(tokenRequests()).toHaveLength(1);
		expect(searches()).toHaveLength(1);
		expect(searches()[0]).toMatchObject({ status: 200, body: { page: 0, pageSize: 1 } });
		expect(searches()[0].headers.authorization).toBe(
			`Bearer ${String(credentials.get('alvysApi')?.accessToken)}`,
		);
	});

	it('fails the credential test for a wrong audience, before any API call', async () => {
		const { error } = await testCredential('alvysApi', {
			...alvys.credentials(),
			audience: 'https://api.example.com/',
		});
		expect(error).toMatchObject({ httpCode: '403' });
		expect(searches()).toHaveLength(0);
	});

	it('reports wrong client credentials clearly, without the secret', async () => {
		const { error } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: { alvysApi: { ...alvys.credentials(), clientSecret: 'not-the-secret' } },
		});
		expect(error?.message).toMatch(/Unauthorized|401/);
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});
});

describe('Alvys › User › Get Many', () => {
	it('returns every user over several 0-based pages, exact and without duplicates', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: { alvysApi: alvys.credentials() },
		});
		expect(items.map((i) => i.json.Id)).toEqual(users().map((u) => u.Id));
		expect(new Set(items.map((i) => i.json.Id)).size).toBe(items.length);
		expect(
			searches()
				.map(pageOf)
				.sort((a, b) => a - b),
		).toEqual([0, 1, 2, 3, 4, 5]);
		expect(items[0].json).toHaveProperty('UserName');
	});

	it('with a limit asks for a page of that size only', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: false, limit: 30 }), {
			credentials: { alvysApi: alvys.credentials() },
		});
		expect(items).toHaveLength(30);
		expect(searches()).toHaveLength(1);
		expect(searches()[0].body).toEqual({ page: 0, pageSize: 30 });
	});

	it('sends the keyword to Alvys', async () => {
		const target = users()[42];
		const { items } = await runNode(
			node({ operation: 'getAll', returnAll: true, filters: { keyword: target.Email } }),
			{ credentials: { alvysApi: alvys.credentials() } },
		);
		expect(items.map((i) => i.json.Id)).toEqual([target.Id]);
		expect(searches()[0].body).toMatchObject({ keyword: target.Email });
	});

	it('filters status and role locally and keeps paging until the limit is met', async () => {
		const wanted = users().filter((u) => u.Status === 'Disabled' && u.Role === 'Driver');
		expect(wanted.length).toBeGreaterThan(4);
		const { items } = await runNode(
			node({
				operation: 'getAll',
				returnAll: false,
				limit: 4,
				filters: { status: ['Disabled'], role: ['Driver'] },
			}),
			{ credentials: { alvysApi: alvys.credentials() } },
		);
		expect(items.map((i) => i.json.Id)).toEqual(wanted.slice(0, 4).map((u) => u.Id));
		expect(searches().length).toBeGreaterThan(1);
	});

	it('reads camelCase envelopes and users as well as PascalCase ones', async () => {
		const camel = useSandboxOption('wireCase', 'camelCase');
		try {
			const all = await runNode(node({ operation: 'getAll', returnAll: true }), {
				credentials: { alvysApi: alvys.credentials() },
			});
			expect(all.items.map((i) => i.json.id)).toEqual(users().map((u) => u.Id));
			expect(searches().length).toBeGreaterThanOrEqual(5);

			const disabled = await runNode(
				node({ operation: 'getAll', returnAll: true, filters: { status: ['Disabled'] } }),
				{ credentials: { alvysApi: alvys.credentials() } },
			);
			const wanted = users().filter((u) => u.Status === 'Disabled');
			expect(disabled.items.map((i) => i.json.id)).toEqual(wanted.map((u) => u.Id));

			const target = users()[7];
			const found = await runNode(node({ operation: 'get', userId: target.UserName }), {
				credentials: { alvysApi: alvys.credentials() },
			});
			expect(found.items.map((i) => i.json.email)).toEqual([target.Email]);
		} finally {
			camel.restore();
		}
	});

	it('explains a 403 with the permission to grant', async () => {
		const restricted = useSandboxScopes([]);
		const { error } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: { alvysApi: alvys.credentials() },
		});
		restricted.restore();
		expect(error?.message).toContain('403');
		expect(error?.description).toContain('API Access');
		expect(error?.description).toContain('Users (read)');
	});

	it('retries a 429 and still returns each user once', async () => {
		alvys.sandbox.failNext({ kind: '429', path: '/api/p/v1/users/search' });
		const { items, error } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: { alvysApi: alvys.credentials() },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(users().length);
	});
});

describe('Alvys › User › Get', () => {
	it('finds users by id, email and user name (any case) with one directory request', async () => {
		const [a, b, c] = users().slice(10);
		const input = [{ key: a.Id }, { key: b.Email.toUpperCase() }, { key: c.UserName }];
		for (let i = 0; i < 30; i++) input.push({ key: users()[100 + i].Email });
		const { items, error } = await runNode(node({ operation: 'get', userId: '={{ $json.key }}' }), {
			credentials: { alvysApi: alvys.credentials() },
			input,
		});
		expect(error).toBeUndefined();
		expect(items.slice(0, 3).map((i) => i.json.Id)).toEqual([a.Id, b.Id, c.Id]);
		expect(items).toHaveLength(33);
		expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(alvys.sandbox.requests({ path: '/api/p/v1/users/list' })).toHaveLength(1);
		expect(searches()).toHaveLength(0);
	});

	it('names the value it could not find; Continue On Fail keeps the other items', async () => {
		const known = users()[3];
		const { items } = await runNode(
			node({ operation: 'get', userId: '={{ $json.key }}' }, { continueOnFail: true }),
			{
				credentials: { alvysApi: alvys.credentials() },
				input: [{ key: 'nobody@example.com' }, { key: known.Id }],
			},
		);
		expect(items[0].json.error).toBe(
			'User: no Alvys user has the ID, email or user name "nobody@example.com" [item 0]',
		);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.Id).toBe(known.Id);

		const failed = await runNode(node({ operation: 'get', userId: 'ghost' }), {
			credentials: { alvysApi: alvys.credentials() },
		});
		expect(failed.error?.message).toContain('"ghost"');
	});
});

function useSandboxScopes(scopes: string[]) {
	return useSandboxOption('scopes', scopes);
}

/** Changes one sandbox option for a test; `restore` puts the default back. */
function useSandboxOption(name: string, value: unknown) {
	const before = alvys.sandbox.options[name];
	alvys.sandbox.options[name] = value;
	return { restore: () => (alvys.sandbox.options[name] = before) };
}
