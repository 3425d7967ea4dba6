import { describe, expect, it } from 'vitest';

import { listSearch, runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const os1 = useSandbox('os1', { users: 230 });

interface Os1User {
	id: string;
	name: string;
	email: string;
	state: string;
	userCode: string;
	uniqueCode: string;
	primaryMobile: { countryCode: string; number: string };
	properties: { aaaId: string };
}
const users = () => os1.sandbox.state.users as Os1User[];
const credentials = () => ({ os1Api: os1.credentials() });
const node = (parameters: NodeUnderTest['parameters']): NodeUnderTest => ({
	type: 'os1',
	credential: 'os1Api',
	parameters: { resource: 'user', ...parameters },
});
const picked = (mode: string, value: string) => ({ __rl: true, mode, value });
const search = async (filter?: string, paginationToken?: string) =>
	await listSearch(node({ operation: 'get' }), {
		method: 'searchUsers',
		filter,
		paginationToken,
		credentials: credentials(),
	});

describe('OS1 › User picker (From List)', () => {
	it('lists every user a page at a time, inactive ones marked with their state', async () => {
		const first = await search();
		expect(first.results).toHaveLength(100);
		const second = await search(undefined, first.paginationToken);
		const third = await search(undefined, second.paginationToken);
		expect(third.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results, ...third.results];
		expect(all.map((r) => r.value)).toEqual(users().map((u) => u.id));
		const inactive = users().filter((u) => !u.state.startsWith('active'));
		expect(inactive.length).toBeGreaterThan(0);
		for (const user of inactive)
			expect(all.find((r) => r.value === user.id)?.name).toBe(
				`${user.name} (${user.email}) · ${user.state}`,
			);
	});

	it('finds a user on a later page by unique code, user code or phone number', async () => {
		const user = users()[215];
		const phone = `${user.primaryMobile.countryCode}${user.primaryMobile.number}`;
		for (const typed of [user.uniqueCode, user.userCode.toLowerCase(), phone]) {
			const { results } = await search(typed);
			expect(results.map((r) => r.value)).toEqual([user.id]);
		}
	});
});

describe('OS1 › Get Email and Get Mobile with the User locator', () => {
	it('looks users up by ID or unique code, one item per input item', async () => {
		const [a, b] = [users()[1], users()[2]];
		const { items, error } = await runNode(
			node({ operation: 'getEmail', userId: picked('uniqueCode', '={{ $json.code }}') }),
			{ credentials: credentials(), input: [{ code: a.uniqueCode }, { code: b.uniqueCode }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.email)).toEqual([a.email, b.email]);
	});
});

describe('OS1 › Simplify', () => {
	it('Get Many returns the compact fields; phone joins country code and number', async () => {
		const { items, error } = await runNode(
			node({ operation: 'getAll', returnAll: true, simplify: true }),
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual(
			users().map((user) => ({
				id: user.id,
				name: user.name,
				email: user.email.toLowerCase(),
				phone: `${user.primaryMobile.countryCode}${user.primaryMobile.number}`,
				active: user.state.startsWith('active:'),
				state: user.state,
				userCode: user.userCode,
				uniqueCode: user.uniqueCode,
			})),
		);
	});

	it('Get by external reference simplifies the user', async () => {
		const user = users()[11];
		const { items } = await runNode(
			node({
				operation: 'get',
				userId: picked('aaaId', user.properties.aaaId),
				simplify: true,
			}),
			{ credentials: credentials() },
		);
		expect(items[0].json).toMatchObject({ id: user.id, uniqueCode: user.uniqueCode });
	});
});
