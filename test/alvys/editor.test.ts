import { describe, expect, it } from 'vitest';

import { listSearch, runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alvys = useSandbox('alvys', { users: 240 });

interface AlvysUser {
	Id: string;
	Name: string;
	Email: string;
	UserName: string;
	Phone: string;
	Status: string;
	Role: string;
}
const users = () => alvys.sandbox.state.users as AlvysUser[];
const credentials = () => ({ alvysApi: alvys.credentials() });
const node = (parameters: NodeUnderTest['parameters']): NodeUnderTest => ({
	type: 'alvys',
	credential: 'alvysApi',
	parameters: { resource: 'user', ...parameters },
});
const picked = (mode: string, value: string) => ({ __rl: true, mode, value });
const searches = () => alvys.sandbox.requests({ path: '/api/p/v1/users/search' });
const search = async (filter?: string, paginationToken?: string) =>
	await listSearch(node({ operation: 'get' }), {
		method: 'searchUsers',
		filter,
		paginationToken,
		credentials: credentials(),
	});

describe('Alvys › User › Get with the User locator', () => {
	it('finds the user by the value of the chosen mode only', async () => {
		const user = users()[17];
		for (const userId of [
			picked('list', user.Id),
			picked('id', user.Id),
			picked('email', user.Email.toUpperCase()),
			picked('userName', user.UserName),
		]) {
			const { items, error } = await runNode(node({ operation: 'get', userId }), {
				credentials: credentials(),
			});
			expect(error).toBeUndefined();
			expect(items[0].json.Id).toBe(user.Id);
		}
	});

	it('says which kind of value it looked for when nobody has it', async () => {
		const user = users()[3];
		const { error } = await runNode(
			node({ operation: 'get', userId: picked('email', user.UserName) }),
			{ credentials: credentials() },
		);
		expect(error?.message).toContain(`no Alvys user has the email "${user.UserName}"`);
	});

	it('reads a plain string (an expression, an AI tool value) as an ID, email or user name', async () => {
		const user = users()[5];
		const { items } = await runNode(node({ operation: 'get', userId: '={{ $json.key }}' }), {
			credentials: credentials(),
			input: [{ key: user.Id }, { key: user.Email }, { key: user.UserName }],
		});
		expect(items.map((item) => item.json.Id)).toEqual([user.Id, user.Id, user.Id]);
	});
});

describe('Alvys › User picker (From List)', () => {
	it('lists users a page at a time, marking those who are not Active', async () => {
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('1');
		const second = await search(undefined, first.paginationToken);
		const third = await search(undefined, second.paginationToken);
		expect(third.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results, ...third.results];
		expect(all.map((r) => r.value)).toEqual(users().map((u) => u.Id));
		for (const result of all) {
			const user = users().find((u) => u.Id === result.value)!;
			expect(result.name.startsWith(`${user.Name} (${user.Email})`)).toBe(true);
			expect(result.name.endsWith(` · ${user.Status.toLowerCase()}`)).toBe(
				user.Status !== 'Active',
			);
		}
	});

	it('sends what is typed to Alvys as the keyword', async () => {
		const user = users()[42];
		const { results } = await search(user.UserName);
		expect(searches()[searches().length - 1]?.body).toMatchObject({
			keyword: user.UserName,
			page: 0,
		});
		expect(results.map((r) => r.value)).toContain(user.Id);
	});
});

describe('Alvys › Simplify', () => {
	it('Get Many returns the compact fields, active meaning Status = Active', async () => {
		const { items, error } = await runNode(
			node({ operation: 'getAll', returnAll: true, simplify: true }),
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			users().map((user) => ({
				id: user.Id,
				name: user.Name,
				email: user.Email.toLowerCase(),
				phone: user.Phone,
				active: user.Status === 'Active',
				userName: user.UserName,
				role: user.Role,
				status: user.Status,
			})),
		);
	});

	it('Get simplifies too, and leaves the record as it is when off', async () => {
		const user = users()[9];
		const on = await runNode(
			node({ operation: 'get', userId: picked('id', user.Id), simplify: true }),
			{ credentials: credentials() },
		);
		expect(Object.keys(on.items[0].json)).toEqual([
			'id',
			'name',
			'email',
			'phone',
			'active',
			'userName',
			'role',
			'status',
		]);
		const off = await runNode(node({ operation: 'get', userId: picked('id', user.Id) }), {
			credentials: credentials(),
		});
		expect(off.items[0].json).toEqual(users()[9]);
	});
});
