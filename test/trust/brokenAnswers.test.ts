/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { describe, expect, it } from 'vitest';

import type { Fault, SandboxOptions } from '../../sandbox/index.mjs';
import type { CredentialStore } from '../harness/credentials';
import { startHostileServer } from '../harness/hostile';
import { runNode } from '../harness/run';
import { freshSandbox, requestsTo, VENDORS, type VendorUnderTest } from './vendors';

/**
 * Every kind of broken answer, for every vendor: each run ends in the correct result or a
 * clear error, within a bounded time, and never takes a broken answer for data.
 */

/** Far below the 25 minutes a hung request could take before; generous for a loaded machine. */
const BOUND_MS = 45_000;

type Expected = 'every user' | RegExp;

interface ListCase {
	name: string;
	faults: Fault[];
	expected: Expected;
	sandbox?: SandboxOptions;
	/** Options › Timeout, in seconds. */
	timeout?: number;
}

const ALWAYS = 99;

const LIST_CASES: ListCase[] = [
	{ name: 'an HTML page once', faults: [{ kind: 'html' }], expected: 'every user' },
	{
		name: 'an HTML page every time',
		faults: [{ kind: 'html', count: ALWAYS }],
		expected: /answered 200 without .*: got an HTML page \("Service temporarily unavailable"\)/,
	},
	{
		name: 'an empty body every time',
		faults: [{ kind: 'empty', count: ALWAYS }],
		expected: /answered 200 without .*: got an empty body/,
	},
	{
		name: 'JSON null every time',
		faults: [{ kind: 'null', count: ALWAYS }],
		expected: /answered 200 without .*: got JSON null/,
	},
	{
		name: 'the list as null',
		faults: [{ kind: 'list-null', count: ALWAYS }],
		expected: /answered 200 without a list of users/,
	},
	{
		name: 'users without ids',
		faults: [{ kind: 'no-ids', count: ALWAYS }],
		expected: /answered 200 without a list of users with IDs/,
	},
	{
		name: 'a total that is too high',
		faults: [{ kind: 'total-high', count: ALWAYS }],
		expected: /announced \d+ users but served \d+/,
	},
	{
		name: 'a total that is too low',
		faults: [{ kind: 'total-low', count: ALWAYS }],
		expected: 'every user',
	},
	{
		name: 'no totals, and a page size capped without saying so',
		faults: [{ kind: 'no-total', count: ALWAYS }],
		sandbox: { pageCap: 50 },
		expected: 'every user',
	},
	{
		name: 'a page repeated',
		faults: [{ kind: 'repeat', count: 2 }],
		expected: /returned only users already received/,
	},
	{ name: 'a dropped connection', faults: [{ kind: 'reset' }], expected: 'every user' },
	{
		name: 'a connection dropped mid-body once',
		faults: [{ kind: 'reset-mid-body' }],
		expected: 'every user',
	},
	{
		name: 'a connection dropped mid-body every time',
		faults: [{ kind: 'reset-mid-body', count: ALWAYS }],
		expected: /broke off in the middle of its answer/,
	},
	{ name: 'a 500 once', faults: [{ kind: '500' }], expected: 'every user' },
	{ name: 'a hang once', faults: [{ kind: 'hang' }], timeout: 1, expected: 'every user' },
	{
		name: 'a hang every time',
		faults: [{ kind: 'hang', count: ALWAYS }],
		timeout: 1,
		expected: /did not answer within 1 s/,
	},
	{
		name: 'a trickle that never ends',
		faults: [{ kind: 'trickle', count: ALWAYS }],
		timeout: 1,
		expected: /did not answer within 1 s/,
	},
];

function checkOutcome(
	vendor: VendorUnderTest,
	expected: Expected,
	result: Awaited<ReturnType<typeof runNode>>,
	expectedIds: string[],
) {
	if (expected === 'every user') {
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((i) => vendor.idOf(i.json))).toEqual(expectedIds);
	} else {
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(expected);
		expect(result.error?.message.length).toBeLessThanOrEqual(400);
	}
}

describe.each(Object.values(VENDORS))('$name › Get Many under broken answers', (vendor) => {
	it.concurrent.each(LIST_CASES)('$name', async ({ faults, expected, sandbox, timeout }) => {
		const env = await freshSandbox(vendor, sandbox);
		try {
			for (const fault of faults) env.sandbox.failNext({ path: vendor.listPath, ...fault });
			const started = Date.now();
			const result = await runNode(
				env.node({ ...vendor.list, ...(timeout ? { options: { timeout } } : {}) }),
				{ credentials: env.credentials() },
			);
			expect(Date.now() - started).toBeLessThan(BOUND_MS);
			checkOutcome(vendor, expected, result, vendor.expectedIds(env.sandbox));
			if (timeout) {
				// The node closed each hung or trickling connection itself, at its deadline.
				await new Promise((resolve) => setTimeout(resolve, 300));
				for (const entry of requestsTo(env.sandbox, vendor.listPath).filter((e) => e.fault)) {
					expect(entry.closedAt).toBeDefined();
					expect(entry.closedAt! - entry.t).toBeLessThan(timeout * 1000 + 1500);
				}
			}
		} finally {
			await env.close();
		}
	});
});

describe.each(Object.values(VENDORS))('$name › answers that contradict themselves', (vendor) => {
	it.concurrent('an empty first page whose total says 250 is not "no users"', async () => {
		const env = await freshSandbox(vendor);
		try {
			env.sandbox.failNext({
				path: vendor.listPath,
				kind: 'json',
				body: vendor.emptyButCounted,
				count: ALWAYS,
			});
			const { items, error } = await runNode(env.node(vendor.list), {
				credentials: env.credentials(),
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toContain('the first page was empty although the total is 250');
		} finally {
			await env.close();
		}
	});

	it.concurrent('a 10,000-character error message is cut to a short excerpt', async () => {
		const env = await freshSandbox(vendor);
		try {
			const echo = `Invalid request: ${'x'.repeat(10_000)}`;
			const body =
				vendor.name === 'os1'
					? { error: { code: '101700000000', description: echo }, data: null }
					: vendor.name === 'alvys'
						? { title: echo, status: 400 }
						: { status: 400, message: echo };
			env.sandbox.failNext({ path: vendor.listPath, kind: 'json', status: 400, body });
			const { error } = await runNode(env.node(vendor.list), { credentials: env.credentials() });
			expect(error?.message).toMatch(/^400 Invalid request: x+…$/);
			expect(error?.message.length).toBeLessThanOrEqual(210);
			expect(JSON.stringify(error).length).toBeLessThan(12_000);
		} finally {
			await env.close();
		}
	});
});

describe.each(Object.values(VENDORS))('$name › Get under broken answers', (vendor) => {
	const readPath = (id: string) =>
		vendor.name === 'alvys'
			? '/api/p/v1/users/list'
			: vendor.name === 'alo'
				? `/v1/users/${id}`
				: `/core/api/v1/users/${encodeURIComponent(id)}`;

	it.concurrent.each([
		['an HTML page', { kind: 'html' }, /got an HTML page/],
		['an empty JSON object', { kind: 'json', body: {} }, /answered 200 without/],
		['JSON null', { kind: 'null' }, /got JSON null/],
	] as Array<[string, Fault, RegExp]>)(
		'refuses %s instead of returning it as the user',
		async (_, fault, expected) => {
			const env = await freshSandbox(vendor);
			try {
				const id = vendor.expectedIds(env.sandbox)[3];
				env.sandbox.failNext({ path: readPath(id), count: ALWAYS, ...fault });
				const { items, error } = await runNode(env.node(vendor.get(id)), {
					credentials: env.credentials(),
				});
				expect(items).toHaveLength(0);
				expect(error?.message).toMatch(expected);
				expect(error?.message).not.toMatch(/no .*user has|returned no/i);
			} finally {
				await env.close();
			}
		},
	);
});

describe('Lookups under broken answers', () => {
	it('OS1 Get Email: a broken answer fails every item in it, never as "no such user"', async () => {
		const env = await freshSandbox(VENDORS.os1);
		try {
			const ids = VENDORS.os1.expectedIds(env.sandbox).slice(0, 3);
			env.sandbox.failNext({ path: '/core/api/v1/users/email', kind: 'html', count: ALWAYS });
			const { items } = await runNode(
				env.node({ operation: 'getEmail', userId: '={{ $json.id }}' }, { continueOnFail: true }),
				{ credentials: env.credentials(), input: ids.map((id) => ({ id })) },
			);
			expect(items).toHaveLength(3);
			for (const [index, item] of items.entries()) {
				expect(item.pairedItem).toEqual({ item: index });
				expect(String(item.json.error)).toMatch(/answered 200 without .*HTML page/);
			}
		} finally {
			await env.close();
		}
	});
});

describe('Redirects', () => {
	it.concurrent.each(Object.values(VENDORS))(
		'$name: a redirect to another host is not followed, so the credential stays home',
		async (vendor) => {
			const elsewhere = await startHostileServer();
			const env = await freshSandbox(vendor);
			try {
				env.sandbox.failNext({
					path: vendor.listPath,
					kind: 'redirect',
					status: 307,
					location: `${elsewhere.url}${vendor.listPath}`,
					count: ALWAYS,
				});
				const { items, error } = await runNode(env.node(vendor.list), {
					credentials: env.credentials(),
				});
				expect(items).toHaveLength(0);
				expect(error?.message).toMatch(
					/answered 307, a redirect to http:\/\/127\.0\.0\.1:\d+\/.*another host, so it was not followed/,
				);
				expect(elsewhere.received).toHaveLength(0);
			} finally {
				await env.close();
				await elsewhere.close();
			}
		},
	);

	it('ĀLO Delete: a cross-origin 307 is not re-sent there, and nothing is reported done', async () => {
		const elsewhere = await startHostileServer();
		const env = await freshSandbox(VENDORS.alo);
		try {
			const id = VENDORS.alo.expectedIds(env.sandbox)[0];
			env.sandbox.failNext({
				path: `/v1/users/${id}`,
				kind: 'redirect',
				status: 307,
				location: `${elsewhere.url}/v1/users/${id}`,
			});
			const { items, error } = await runNode(
				env.node({ operation: 'delete', userId: { __rl: true, mode: 'id', value: id } }),
				{ credentials: env.credentials() },
			);
			expect(items).toHaveLength(0);
			expect(error?.message).toContain('not followed');
			expect(elsewhere.received).toHaveLength(0);
			expect(env.sandbox.state.users.some((u: { id: string }) => u.id === id)).toBe(true);
		} finally {
			await env.close();
			await elsewhere.close();
		}
	});

	it('ĀLO Get: a same-origin redirect is followed', async () => {
		const env = await freshSandbox(VENDORS.alo);
		try {
			const [id, other] = VENDORS.alo.expectedIds(env.sandbox);
			env.sandbox.failNext({
				path: `/v1/users/${id}`,
				kind: 'redirect',
				status: 301,
				location: `/v1/users/${other}`,
			});
			const { items, error } = await runNode(env.node(VENDORS.alo.get(id)), {
				credentials: env.credentials(),
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(other);
		} finally {
			await env.close();
		}
	});

	it('ĀLO Update: a 302 that would turn the POST into a GET is not followed', async () => {
		const env = await freshSandbox(VENDORS.alo);
		try {
			const id = VENDORS.alo.expectedIds(env.sandbox)[0];
			env.sandbox.failNext({
				path: `/v1/users/${id}`,
				kind: 'redirect',
				status: 302,
				location: `/v1/users/${id}`,
			});
			const { error } = await runNode(
				env.node({
					operation: 'update',
					userId: { __rl: true, mode: 'id', value: id },
					updateFields: { lastName: 'Moved' },
				}),
				{ credentials: env.credentials() },
			);
			expect(error?.message).toContain('would turn this POST into a GET');
			expect(requestsTo(env.sandbox, `/v1/users/${id}`)).toHaveLength(1);
		} finally {
			await env.close();
		}
	});
});

describe.each([VENDORS.alvys, VENDORS.os1])('$name › tokens', (vendor) => {
	it('a token endpoint that answers without a token is reported as such, once', async () => {
		const env = await freshSandbox(vendor);
		try {
			env.sandbox.failNext({
				path: vendor.authPath!,
				kind: 'json',
				body: vendor.name === 'os1' ? { error: null, data: {} } : { token_type: 'Bearer' },
				count: ALWAYS,
			});
			const { error } = await runNode(env.node(vendor.list), { credentials: env.credentials() });
			expect(error?.message).toMatch(/token endpoint answered without/);
			expect(requestsTo(env.sandbox, vendor.listPath)).toHaveLength(0);
		} finally {
			await env.close();
		}
	});

	it('a 401 that never ends fails clearly after one token renewal', async () => {
		const env = await freshSandbox(vendor);
		try {
			env.sandbox.failNext({
				path: vendor.listPath,
				kind: 'json',
				status: 401,
				body: { message: 'token rejected' },
				count: ALWAYS,
			});
			const started = Date.now();
			const { error } = await runNode(env.node(vendor.list), { credentials: env.credentials() });
			expect(Date.now() - started).toBeLessThan(BOUND_MS);
			expect(error?.message).toMatch(/^401 /);
			expect(requestsTo(env.sandbox, vendor.authPath)).toHaveLength(2);
			expect(requestsTo(env.sandbox, vendor.listPath)).toHaveLength(2);
		} finally {
			await env.close();
		}
	});

	it('a token that expires with pages in flight is renewed once, not once per page', async () => {
		const env = await freshSandbox(vendor, { users: 3000, latencyMs: 30 });
		try {
			// A first run stores a token in the credential; the sandbox then forgets it mid-listing.
			await runNode(env.node({ operation: 'getAll', returnAll: false, limit: 1 }), {
				credentials: env.credentials(),
			});
			env.sandbox.clearLog();
			const run = runNode(env.node(vendor.list), { credentials: env.credentials() });
			while (requestsTo(env.sandbox, vendor.listPath).length < 3)
				await new Promise((resolve) => setTimeout(resolve, 5));
			env.sandbox.mutate({ op: 'expireTokens' });
			const { items, error } = await run;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(vendor.expectedIds(env.sandbox).length);
			const rejected = requestsTo(env.sandbox, vendor.listPath).filter((r) => r.status === 401);
			expect(rejected.length).toBeGreaterThan(1);
			expect(requestsTo(env.sandbox, vendor.authPath)).toHaveLength(1);
		} finally {
			await env.close();
		}
	});

	it('after a 401, a token another execution stored meanwhile is used, not fetched again', async () => {
		const env = await freshSandbox(vendor, { users: 300, latencyMs: 150 });
		try {
			const store = env.credentials();
			const firstPage = env.node({ operation: 'getAll', returnAll: false, limit: 1 });
			// This credential holds a token; "another worker" (its own copy) gets a second one.
			await runNode(firstPage, { credentials: store });
			const elsewhere: CredentialStore = new Map([
				[vendor.credential, { ...store.get(vendor.credential), accessToken: '' }],
			]);
			await runNode(firstPage, { credentials: elsewhere });
			const newer = elsewhere.get(vendor.credential)!.accessToken;
			expect(newer).toBeTruthy();
			expect(newer).not.toBe(store.get(vendor.credential)!.accessToken);
			env.sandbox.clearLog();

			// The execution starts with the first token, which is then refused once; while that
			// answer is on its way, the other worker stores its token in the credential.
			env.sandbox.failNext({
				path: vendor.listPath,
				kind: 'json',
				status: 401,
				body: { message: 'token rejected' },
			});
			const run = runNode(env.node(vendor.list), { credentials: store });
			while (requestsTo(env.sandbox, vendor.listPath).length < 1)
				await new Promise((resolve) => setTimeout(resolve, 2));
			store.set(vendor.credential, { ...store.get(vendor.credential), accessToken: newer });

			const { items, error } = await run;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(vendor.expectedIds(env.sandbox).length);
			expect(requestsTo(env.sandbox, vendor.authPath)).toHaveLength(0);
			const sent = requestsTo(env.sandbox, vendor.listPath);
			expect(sent.filter((r) => r.status === 401)).toHaveLength(1);
			expect(sent.slice(1).every((r) => JSON.stringify(r.headers).includes(String(newer)))).toBe(
				true,
			);
		} finally {
			await env.close();
		}
	});
});
