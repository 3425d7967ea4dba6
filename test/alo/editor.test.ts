import { describe, expect, it } from 'vitest';

import { listSearch, runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alo = useSandbox('alo', { users: 260 });

interface AloUser {
	id: string;
	login_type: string;
	phone_number: string;
	device_id: string;
	first_name: string;
	last_name: string;
	name: string;
	email: string;
	is_active: boolean;
	role: string;
}
const users = () => alo.sandbox.state.users as AloUser[];
const credentials = () => ({ aloApi: alo.credentials() });
const node = (parameters: NodeUnderTest['parameters']): NodeUnderTest => ({
	type: 'alo',
	credential: 'aloApi',
	parameters: { resource: 'user', ...parameters },
});
const search = async (filter?: string, paginationToken?: string) =>
	await listSearch(node({ operation: 'get' }), {
		method: 'searchUsers',
		filter,
		paginationToken,
		credentials: credentials(),
	});
const userRequests = () => alo.sandbox.requests({ path: '/v1/users' });

describe('ĀLO › User picker (From List)', () => {
	it('lists every user a page at a time, deactivated ones included and marked', async () => {
		const seen: Array<{ name: string; value: string }> = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await search(undefined, token);
			seen.push(...(page.results as Array<{ name: string; value: string }>));
			token = page.paginationToken;
			pages++;
		} while (token && pages < 10);
		expect(pages).toBe(3);
		expect(seen.map((r) => r.value)).toEqual(users().map((u) => u.id));
		const inactive = users().filter((u) => !u.is_active);
		expect(inactive.length).toBeGreaterThan(0);
		for (const result of seen) {
			const user = users().find((u) => u.id === result.value)!;
			expect(result.name.endsWith(' · deactivated')).toBe(!user.is_active);
		}
		expect(
			userRequests().every((r) => new URLSearchParams(r.query).get('include_inactive') === 'true'),
		).toBe(true);
	});

	it('searches the whole directory, so a match on the last page is found at once', async () => {
		const target = users()[users().length - 3];
		expect(users().indexOf(target)).toBeGreaterThanOrEqual(200);
		const login = target.phone_number || target.device_id;
		const { results, paginationToken } = await search(login);
		expect(results.map((r) => r.value)).toEqual([target.id]);
		expect(paginationToken).toBeUndefined();
		// Every page was read for the one search.
		const pages = userRequests().map((r) => new URLSearchParams(r.query).get('page'));
		expect(pages.sort()).toEqual(['1', '2', '3']);
	});

	it('matches every word typed, in any case and order, against names', async () => {
		const target = users().find((u) => u.login_type === 'PHONE_NUMBER')!;
		const { results } = await search(`${target.last_name.toUpperCase()} ${target.first_name}`);
		const expected = users()
			.filter((u) => {
				const name = (u.name || `${u.first_name} ${u.last_name}`).toLowerCase();
				return (
					name.includes(target.first_name.toLowerCase()) &&
					name.includes(target.last_name.toLowerCase())
				);
			})
			.map((u) => u.id);
		expect(results.map((r) => r.value)).toEqual(expected);
		expect(results.map((r) => r.value)).toContain(target.id);
	});

	it('a user picked from the list is what Get reads', async () => {
		const [first] = (await search()).results;
		const { items, error } = await runNode(
			node({ operation: 'get', userId: { __rl: true, mode: 'list', value: first.value } }),
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(first.value);
	});
});

describe('ĀLO › Simplify', () => {
	it('is off by default: Get Many returns ĀLO records as they are', async () => {
		const { items } = await runNode(node({ operation: 'getAll', returnAll: false, limit: 3 }), {
			credentials: credentials(),
		});
		expect(items).toHaveLength(3);
		expect(Object.keys(items[0].json)).toContain('first_name');
	});

	it('Get Many returns the compact fields, one item per user, from the records', async () => {
		const { items, error } = await runNode(
			node({
				operation: 'getAll',
				returnAll: true,
				filters: { includeInactive: true },
				simplify: true,
			}),
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(users().length);
		for (const [index, item] of items.entries()) {
			const user = users()[index];
			expect(Object.keys(item.json)).toEqual([
				'id',
				'name',
				'email',
				'phone',
				'active',
				'loginType',
				'deviceId',
				'role',
			]);
			expect(item.json).toEqual({
				id: user.id,
				name: user.name || `${user.first_name} ${user.last_name}`,
				email: user.email ? user.email.toLowerCase() : null,
				phone: user.phone_number || null,
				active: user.is_active,
				loginType: user.login_type,
				deviceId: user.device_id || null,
				role: user.role || null,
			});
			expect(item.pairedItem).toEqual({ item: 0 });
		}
	});

	it('Get simplifies a device user, whose name is the device name', async () => {
		const device = users().find((u) => u.login_type === 'DEVICE')!;
		const { items } = await runNode(
			node({
				operation: 'get',
				userId: { __rl: true, mode: 'id', value: device.id },
				simplify: true,
			}),
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({
			id: device.id,
			name: device.name,
			phone: null,
			loginType: 'DEVICE',
			deviceId: device.device_id,
		});
	});
});
