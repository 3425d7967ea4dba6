import { describe, expect, it } from 'vitest';

import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const os1 = useSandbox('os1', { users: 260 });

interface Os1User {
	id: string;
	email: string;
	state: string;
	uniqueCode: string;
	userCode: string;
	properties: { aaaId: string; designation: string };
	primaryMobile: { countryCode: string; number: string };
}
const users = () => os1.sandbox.state.users as Os1User[];
const credentials = () => ({ os1Api: os1.credentials() });
const node = (
	parameters: NodeUnderTest['parameters'],
	extra: Partial<NodeUnderTest> = {},
): NodeUnderTest => ({
	type: 'os1',
	credential: 'os1Api',
	parameters: { resource: 'user', ...parameters },
	...extra,
});
const usersCalls = () => os1.sandbox.requests({ path: '/core/api/v1/users' });
const tokenCalls = () => os1.sandbox.requests({ path: '/core/api/v1/aaa/' });

describe('OS1 › credential and headers', () => {
	it('sends the token, the tenant and a fresh request id on every request', async () => {
		const {
			items,
			error,
			credentials: store,
		} = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: credentials(),
			input: [{}, {}],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2 * users().length);
		expect(tokenCalls()).toHaveLength(1);
		const token = store.get('os1Api')?.accessToken;
		const calls = usersCalls();
		expect(calls.length).toBeGreaterThanOrEqual(6);
		for (const call of calls) {
			expect(call.headers['x-coreos-access']).toBe(token);
			expect(call.headers['x-coreos-tid']).toBe('sandbox-tenant');
			expect(call.headers['x-coreos-request-id']).toMatch(/^[0-9a-f-]{36}$/);
		}
		const ids = calls.map((c) => c.headers['x-coreos-request-id']);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('gets a new token when OS1 rejects the stored one, then succeeds', async () => {
		const { items, error } = await runNode(
			node({ operation: 'getAll', returnAll: false, limit: 3 }),
			{
				credentials: { os1Api: { ...os1.credentials(), accessToken: 'os1-revoked' } },
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(tokenCalls()).toHaveLength(1);
		expect(usersCalls().map((c) => c.status)).toEqual([401, 200]);
		// Even n8n's own retry after the refresh carries a new request id.
		const [first, second] = usersCalls().map((c) => c.headers['x-coreos-request-id']);
		expect(first).not.toBe(second);
	});
});

describe('OS1 › User › Get Many', () => {
	it('returns every user over pages from 1, without duplicates', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: credentials(),
		});
		expect(items.map((i) => i.json.id)).toEqual(users().map((u) => u.id));
		const pages = usersCalls().map((c) => new URLSearchParams(c.query).get('page'));
		expect(pages.sort()).toEqual(['1', '2', '3']);
	});

	it('passes select, query and sort through, and a limit shrinks the page', async () => {
		const { items } = await runNode(
			node({
				operation: 'getAll',
				returnAll: false,
				limit: 5,
				options: { select: 'email,state', sortBy: 'email', sortKey: 'desc', query: 'example.com' },
			}),
			{ credentials: credentials() },
		);
		expect(items).toHaveLength(5);
		expect(Object.keys(items[0].json).sort()).toEqual(['email', 'id', 'state']);
		const query = new URLSearchParams(usersCalls()[0].query);
		expect(Object.fromEntries(query)).toEqual({
			select: 'email,state',
			sortBy: 'email',
			sortKey: 'desc',
			query: 'example.com',
			page: '1',
			size: '5',
		});
		const emails = items.map((i) => String(i.json.email));
		expect([...emails].sort().reverse()).toEqual(emails);
	});
});

describe('OS1 › User › Get', () => {
	it('gets a user by id and by each kind of external reference', async () => {
		const user = users()[7];
		const cases = [
			{ lookUpBy: 'id', userId: user.id },
			{ lookUpBy: 'aaaId', userId: user.properties.aaaId },
			{ lookUpBy: 'userCode', userId: user.userCode },
			{ lookUpBy: 'uniqueCode', userId: user.uniqueCode },
		];
		for (const parameters of cases) {
			const { items } = await runNode(node({ operation: 'get', ...parameters }), {
				credentials: credentials(),
			});
			expect(items[0].json.id).toBe(user.id);
		}
		const paths = usersCalls().map((c) => decodeURIComponent(c.path.split('/').pop()!));
		expect(paths).toEqual([
			user.id,
			`ref:${user.properties.aaaId}`,
			`ref:${user.userCode}`,
			`ref:${user.uniqueCode}`,
		]);
	});

	it('surfaces the OS1 error description and its 12-digit code', async () => {
		const { error } = await runNode(node({ operation: 'get', userId: 'users:nope' }), {
			credentials: credentials(),
		});
		expect(error?.message).toBe('404 User users:nope not found');
		expect(error?.description).toContain('Error code 101700024041');
	});
});

describe('OS1 › User › Get Email / Get Mobile (batched)', () => {
	it('looks up 25 items in 3 requests and answers each item in order, an unknown id as an error item', async () => {
		const ids = users()
			.slice(0, 25)
			.map((u) => u.id);
		ids[17] = 'users:unknown';
		const { items, error } = await runNode(
			node({ operation: 'getEmail', userId: '={{ $json.id }}' }, { continueOnFail: true }),
			{
				credentials: credentials(),
				input: ids.map((id) => ({ id })),
			},
		);
		expect(error).toBeUndefined();
		const calls = usersCalls();
		expect(calls).toHaveLength(3);
		const sizes = calls.map((c) => new URLSearchParams(c.query).get('ids')!.split(',').length);
		expect(sizes.sort((a, b) => b - a)).toEqual([10, 10, 5]);
		expect(items).toHaveLength(25);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		items.forEach((item, index) => {
			if (index === 17) return;
			expect(item.json).toMatchObject({ userId: ids[index], email: users()[index].email });
		});
		expect(items[17].json.error).toContain('"users:unknown"');
	});

	it('without Continue On Fail an unknown id fails the node, naming the item', async () => {
		const { error } = await runNode(node({ operation: 'getEmail', userId: '={{ $json.id }}' }), {
			credentials: credentials(),
			input: [{ id: users()[0].id }, { id: 'users:missing' }],
		});
		expect(error?.message).toContain('"users:missing"');
		expect(error?.message).toContain('[item 1]');
	});

	it('asks once for an id repeated across items, and accepts unique codes', async () => {
		const [a, b] = users();
		const { items } = await runNode(node({ operation: 'getMobile', userId: '={{ $json.id }}' }), {
			credentials: credentials(),
			input: [{ id: a.id }, { id: b.uniqueCode }, { id: a.id }],
		});
		expect(usersCalls()).toHaveLength(1);
		expect(new URLSearchParams(usersCalls()[0].query).get('userId')).toBe(
			`${a.id},${b.uniqueCode}`,
		);
		expect(items.map((i) => i.json.primaryMobile)).toEqual([
			a.primaryMobile,
			b.primaryMobile,
			a.primaryMobile,
		]);
	});
});

describe('OS1 › User › Create, Update, State', () => {
	const create = (fields: Record<string, unknown> = {}) =>
		node({
			operation: 'create',
			firstName: 'Ravi',
			designation: 'Delivery Associate',
			category: 'Regular',
			employmentType: 'Full-time',
			mobileNumber: '+91 98765 43210',
			additionalFields: { lastName: 'Kumar', email: 'ravi@example.com' },
			...fields,
		});

	it('creates a user, accepted asynchronously (202)', async () => {
		const { items, error } = await runNode(create(), { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'ACCEPTED', acceptedForProcessing: true });
		const [call] = os1.sandbox.requests({ method: 'POST', path: '/core/api/v1/users' });
		expect(call.status).toBe(202);
		expect(call.body).toEqual({
			lastName: 'Kumar',
			email: 'ravi@example.com',
			firstName: 'Ravi',
			designation: 'Delivery Associate',
			category: 'Regular',
			employmentType: 'Full-time',
			primaryMobile: { countryCode: '+91', number: '9876543210' },
		});
	});

	it.each([
		['a missing designation', { designation: '={{ "" }}' }, 'Designation'],
		['a number without its country code', { mobileNumber: '98765 43210' }, 'Mobile Number'],
		['an unknown country code', { mobileNumber: '+0 98765 43210' }, 'Mobile Number'],
		['a number too long', { mobileNumber: '+91 98765 43210 12345' }, 'Mobile Number'],
	])('rejects %s before sending anything', async (_, fields, field) => {
		const { error } = await runNode(create(fields), { credentials: credentials() });
		expect(error?.message).toMatch(new RegExp(`^${field}: .*\\[item 0\\]$`));
		expect(os1.sandbox.log).toHaveLength(0);
	});

	it('does not retry a create that failed with a 503, and says its outcome is unknown', async () => {
		os1.sandbox.failNext({ kind: '503', method: 'POST', path: '/core/api/v1/users' });
		const { error } = await runNode(create(), { credentials: credentials() });
		expect(error?.message).toMatch(/^Outcome unknown: 503 /);
		expect(error?.description).toContain('+91 9876543210');
		expect(os1.sandbox.requests({ method: 'POST', path: '/core/api/v1/users' })).toHaveLength(1);
	});

	it('updates only the fields given, with PUT', async () => {
		const user = users()[2];
		const { items } = await runNode(
			node({ operation: 'update', userId: user.id, updateFields: { designation: 'Hub Lead' } }),
			{
				credentials: credentials(),
			},
		);
		expect((items[0].json.properties as { designation: string }).designation).toBe('Hub Lead');
		const [call] = os1.sandbox.requests({ method: 'PUT' });
		expect(call.body).toEqual({ designation: 'Hub Lead' });
	});

	it('reads and changes the lifecycle state', async () => {
		const user = users().find((u) => u.state.startsWith('active'))!;
		const state = await runNode(node({ operation: 'getState', userId: user.id }), {
			credentials: credentials(),
		});
		expect(state.items[0].json.state).toBe('active:available');
		const moved = await runNode(
			node({
				operation: 'changeState',
				userId: user.id,
				toState: 'deboarding',
				options: { reasonCode: 'R-104', data: '{"note":"last day"}' },
			}),
			{ credentials: credentials() },
		);
		expect(moved.items[0].json.state).toBe('deboarding');
		expect(os1.sandbox.requests({ method: 'PUT' })[0].body).toEqual({
			toState: 'deboarding',
			reasonCode: 'R-104',
			data: { note: 'last day' },
		});
	});

	it('surfaces a refused transition with its code', async () => {
		const user = users().find((u) => u.state === 'inactive')!;
		const { error } = await runNode(
			node({ operation: 'changeState', userId: user.id, toState: 'deboarding' }),
			{
				credentials: credentials(),
			},
		);
		expect(error?.message).toBe('409 Cannot move user from inactive to deboarding');
		expect(error?.description).toContain('101700054091');
	});

	it('deactivate moves a user to inactive, and is harmless when repeated', async () => {
		const user = users().find((u) => u.state.startsWith('active'))!;
		const first = await runNode(
			node({ operation: 'deactivate', lookUpBy: 'uniqueCode', userId: user.uniqueCode }),
			{
				credentials: credentials(),
			},
		);
		expect(first.items[0].json.state).toBe('inactive');
		expect(users().find((u) => u.id === user.id)?.state).toBe('inactive');
		const again = await runNode(node({ operation: 'deactivate', userId: user.id }), {
			credentials: credentials(),
		});
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ state: 'inactive', alreadyInactive: true });
	});
});
