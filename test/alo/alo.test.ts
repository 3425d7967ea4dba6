import { describe, expect, it } from 'vitest';

import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alo = useSandbox('alo', { users: 260 });

const credentials = () => ({ aloApi: alo.credentials() });
const node = (
	parameters: NodeUnderTest['parameters'],
	extra: Partial<NodeUnderTest> = {},
): NodeUnderTest => ({
	type: 'alo',
	credential: 'aloApi',
	parameters: { resource: 'user', ...parameters },
	...extra,
});
const userRequests = () => alo.sandbox.requests({ path: '/v1/users' });
const anyRequests = () => alo.sandbox.log.filter((entry) => entry.path.startsWith('/v1/'));
const activeUsers = () =>
	alo.sandbox.state.users.filter((u: { is_active: boolean }) => u.is_active);

describe('ĀLO › User › Get Many', () => {
	it('returns every user over several pages, in server order, without duplicates', async () => {
		const { items, error } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const expected = activeUsers().map((u: { id: string }) => u.id);
		expect(expected.length).toBeGreaterThan(200);
		expect(items.map((i) => i.json.id)).toEqual(expected);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(items.length);
		expect(items.every((i) => JSON.stringify(i.pairedItem) === JSON.stringify({ item: 0 }))).toBe(
			true,
		);
		const pages = userRequests().map((r) => new URLSearchParams(r.query).get('page'));
		expect(pages.sort()).toEqual(['1', '2', '3']);
		expect(
			userRequests().every((r) => new URLSearchParams(r.query).get('per_page') === '100'),
		).toBe(true);
	});

	it('with a limit inside one page sends one request with per_page = limit', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: false, limit: 7 }), {
			credentials: credentials(),
		});
		expect(items).toHaveLength(7);
		expect(userRequests()).toHaveLength(1);
		expect(new URLSearchParams(userRequests()[0].query).get('per_page')).toBe('7');
	});

	it('with a limit across pages requests only the pages it needs', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: false, limit: 150 }), {
			credentials: credentials(),
		});
		expect(items).toHaveLength(150);
		expect(userRequests()).toHaveLength(2);
	});

	it('sends each filter to the API, phone numbers with + encoded as %2B', async () => {
		const [a, b] = alo.sandbox.state.users.filter((u: { phone_number: string }) => u.phone_number);
		const device = alo.sandbox.state.users.find((u: { device_id: string }) => u.device_id);
		const { items } = await runNode(
			node({
				operation: 'getAll',
				returnAll: true,
				filters: { phoneNumbers: `${a.phone_number}, ${b.phone_number}`, includeInactive: true },
			}),
			{ credentials: credentials() },
		);
		expect(items.map((i) => i.json.id)).toEqual([a.id, b.id]);
		const query = userRequests()[0].query;
		expect(query).toContain(`phone_number%5B%5D=${encodeURIComponent(a.phone_number)}`);
		expect(query).toContain(`phone_number%5B%5D=%2B${b.phone_number.slice(1)}`);
		expect(query).toContain('include_inactive=true');

		alo.sandbox.clearLog();
		const byDevice = await runNode(
			node({ operation: 'getAll', returnAll: true, filters: { deviceIds: device.device_id } }),
			{
				credentials: credentials(),
			},
		);
		expect(byDevice.items.map((i) => i.json.id)).toEqual([device.id]);
		expect(userRequests()[0].query).toContain(`device_id%5B%5D=${device.device_id}`);
	});

	it('includes deactivated users only when asked', async () => {
		const all = await runNode(
			node({ operation: 'getAll', returnAll: true, filters: { includeInactive: true } }),
			{
				credentials: credentials(),
			},
		);
		expect(all.items).toHaveLength(alo.sandbox.state.users.length);
		expect(all.items.some((i) => i.json.is_active === false)).toBe(true);
	});

	it('surfaces a bad API key as a clear 401', async () => {
		const { error, items } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: { aloApi: { ...alo.credentials(), apiKey: 'wrong' } },
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toContain('401');
		expect(error?.message).toContain('Unauthorized: invalid API key');
		expect(JSON.stringify(error)).not.toContain('wrong');
	});

	it('retries a 503 and a 429 on reads and still returns every user once', async () => {
		alo.sandbox.failNext({ kind: '503', path: '/v1/users' });
		alo.sandbox.failNext({ kind: '429-retry-after', path: '/v1/users' });
		const { items, error } = await runNode(node({ operation: 'getAll', returnAll: true }), {
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(activeUsers().length);
		expect(userRequests().filter((r) => r.fault)).toHaveLength(2);
	});
});

describe('ĀLO › User › Get', () => {
	it('returns the user object unwrapped, for each input item, paired to it', async () => {
		const [a, b] = alo.sandbox.state.users;
		const { items } = await runNode(
			node({ operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			{ credentials: credentials(), input: [{ id: a.id }, { id: b.id }] },
		);
		expect(items.map((i) => i.json.id)).toEqual([a.id, b.id]);
		expect(items[0].json.first_name).toBe(a.first_name);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('surfaces a 404 with the vendor message verbatim', async () => {
		const { error } = await runNode(
			node({ operation: 'get', userId: { __rl: true, mode: 'id', value: 'nope' } }),
			{
				credentials: credentials(),
			},
		);
		expect(error?.message).toBe('404 User not found');
	});

	it('under Continue On Fail, a missing user becomes an error item paired to its input', async () => {
		const [a] = alo.sandbox.state.users;
		const { items, error } = await runNode(
			node(
				{ operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				{ continueOnFail: true },
			),
			{ credentials: credentials(), input: [{ id: 'missing-1' }, { id: a.id }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('404 User not found');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe(a.id);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('ĀLO › User › Create', () => {
	const createPhone = (fields: Record<string, unknown>) =>
		node({
			operation: 'create',
			loginType: 'PHONE_NUMBER',
			firstName: 'Ada',
			lastName: 'Okafor',
			...fields,
		});

	it('creates a phone user and keeps the temporary password', async () => {
		const { items } = await runNode(
			createPhone({
				phoneNumber: '+1 (212) 555-0199',
				additionalFields: { role: 'supervisor', sendInvitation: true },
			}),
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({
			phone_number: '+12125550199',
			first_name: 'Ada',
			role: 'supervisor',
			existingUserAddedToTeam: false,
		});
		expect(items[0].json.temp_password).toEqual(expect.any(String));
		expect(alo.sandbox.requests({ method: 'POST' })[0].body).toMatchObject({
			send_invitation: true,
		});
	});

	it('says so when an existing ĀLO user was added instead, without renaming them', async () => {
		const outsider = alo.sandbox.state.outsiders[0];
		const { items } = await runNode(createPhone({ phoneNumber: outsider.phone_number }), {
			credentials: credentials(),
		});
		expect(items[0].json).toMatchObject({
			id: outsider.id,
			first_name: outsider.first_name,
			existingUserAddedToTeam: true,
		});
		expect(items[0].json.temp_password).toBeUndefined();
	});

	it('creates a device user', async () => {
		const { items } = await runNode(
			node({
				operation: 'create',
				loginType: 'DEVICE',
				name: 'Dock 9 tablet',
				deviceId: 'dev-999',
				additionalFields: { role: 'staff' },
			}),
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({
			login_type: 'DEVICE',
			device_id: 'dev-999',
			name: 'Dock 9 tablet',
		});
	});

	it.each([
		['an invalid phone number', createPhone({ phoneNumber: '555-0199' }), 'Phone Number'],
		[
			'a missing first name',
			createPhone({ firstName: ' ', phoneNumber: '+12125550199' }),
			'First Name',
		],
		[
			'a missing device name',
			node({
				operation: 'create',
				loginType: 'DEVICE',
				name: '={{ $json.nothing }}',
				deviceId: 'd-1',
			}),
			'Name',
		],
		[
			'an unknown role',
			createPhone({ phoneNumber: '+12125550199', additionalFields: { role: '={{ "boss" }}' } }),
			'Role',
		],
	])(
		'rejects %s before sending any request, naming the field and item',
		async (_, parameters, field) => {
			const { error } = await runNode(parameters, { credentials: credentials() });
			expect(error?.message).toMatch(new RegExp(`^${field}: .*\\[item 0\\]$`));
			expect(anyRequests()).toHaveLength(0);
		},
	);
});

describe('ĀLO › User › Update, Deactivate, Delete', () => {
	const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

	it('updates the given fields with POST /users/{id}', async () => {
		const user = alo.sandbox.state.users[0];
		const { items } = await runNode(
			node({
				operation: 'update',
				userId: byId(user.id),
				updateFields: { lastName: 'Renamed', role: 'admin' },
			}),
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({ id: user.id, last_name: 'Renamed', role: 'admin' });
		const [request] = alo.sandbox.requests({ method: 'POST' });
		expect(request.path).toBe(`/v1/users/${user.id}`);
		expect(request.body).toEqual({ last_name: 'Renamed', role: 'admin' });
	});

	it('deactivates each input user (is_active false), keeping them in ĀLO', async () => {
		const [a, b] = activeUsers();
		const { items } = await runNode(
			node({ operation: 'deactivate', userId: byId('={{ $json.id }}') }),
			{
				credentials: credentials(),
				input: [{ id: a.id }, { id: b.id }],
			},
		);
		expect(items.map((i) => [i.json.id, i.json.is_active, i.pairedItem])).toEqual([
			[a.id, false, { item: 0 }],
			[b.id, false, { item: 1 }],
		]);
		expect(alo.sandbox.requests({ method: 'POST' }).map((r) => r.body)).toEqual([
			{ is_active: false },
			{ is_active: false },
		]);
	});

	it('deletes a user and reports it', async () => {
		const user = alo.sandbox.state.users[0];
		const { items } = await runNode(node({ operation: 'delete', userId: byId(user.id) }), {
			credentials: credentials(),
		});
		expect(items[0].json).toMatchObject({ id: user.id, deleted: true });
		expect(alo.sandbox.state.users.some((u: { id: string }) => u.id === user.id)).toBe(false);
	});

	it('surfaces a 422 from ĀLO verbatim', async () => {
		const [a, b] = alo.sandbox.state.users.filter((u: { phone_number: string }) => u.phone_number);
		const { error } = await runNode(
			node({
				operation: 'update',
				userId: { __rl: true, mode: 'id', value: a.id },
				updateFields: { phoneNumber: b.phone_number },
			}),
			{ credentials: credentials() },
		);
		expect(error?.message).toBe('422 Validation failed: Phone number has already been taken');
		expect(alo.sandbox.requests({ method: 'POST' })).toHaveLength(1);
	});

	it('does not retry a delete that failed with a 503', async () => {
		const user = alo.sandbox.state.users[0];
		alo.sandbox.failNext({ kind: '503', method: 'DELETE' });
		const { error } = await runNode(node({ operation: 'delete', userId: byId(user.id) }), {
			credentials: credentials(),
		});
		expect(error?.message).toContain('503');
		expect(alo.sandbox.requests({ method: 'DELETE' })).toHaveLength(1);
	});
});

describe('ĀLO › User › Get Many with thousands of filter values', () => {
	it('sends 10,000 phone numbers in chunks of URL-sized requests and finds every match once', async () => {
		const users = alo.sandbox.state.users as Array<{
			id: string;
			phone_number: string;
			is_active: boolean;
		}>;
		const known = users.filter((u) => u.phone_number && u.is_active);
		const unknown = Array.from(
			{ length: 10_000 - known.length },
			(_, i) => `+1999${String(i).padStart(7, '0')}`,
		);
		const phones = [
			...unknown.slice(0, 5000),
			...known.map((u) => u.phone_number),
			...unknown.slice(5000),
		];
		const { items, error } = await runNode(
			node({ operation: 'getAll', returnAll: true, filters: { phoneNumbers: phones.join(', ') } }),
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(new Set(items.map((i) => i.json.id))).toEqual(new Set(known.map((u) => u.id)));
		expect(items).toHaveLength(known.length);
		const requests = userRequests();
		// One request per 100 values (and one more where a chunk matched exactly a full page).
		expect(requests.length).toBeGreaterThanOrEqual(100);
		expect(requests.length).toBeLessThanOrEqual(103);
		expect(Math.max(...requests.map((r) => r.query.length))).toBeLessThan(8_000);
	});
});
