import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { pollNode } from '../harness/run';
import { freshSandbox, VENDORS, type SandboxUnderTest, type VendorUnderTest } from './vendors';

const ALL_EVENTS = [
	'userCreated',
	'userDeactivated',
	'userReactivated',
	'userRemoved',
	'userUpdated',
];

function poller(vendor: VendorUnderTest, env: SandboxUnderTest, staticData: IDataObject) {
	return async (
		options: IDataObject = {},
		mode: 'trigger' | 'manual' = 'trigger',
		events: string[] = ALL_EVENTS,
	) =>
		await pollNode(
			{ type: vendor.trigger, credential: vendor.credential, parameters: { events, options } },
			{ credentials: env.credentials(), staticData, mode },
		);
}

/** What the trigger keeps in the workflow's static data (n8n keys it by node). */
const nodeState = (staticData: IDataObject) =>
	(staticData['node:Node under test'] ?? {}) as { snapshot?: Record<string, string> };
const snapshotOf = (staticData: IDataObject) => JSON.stringify(nodeState(staticData).snapshot);

/** The error of a poll that should have failed. */
async function failure(poll: Promise<unknown>): Promise<Error> {
	const outcome = await poll.then(
		() => undefined,
		(error: Error) => error,
	);
	if (!outcome) throw new Error('the poll did not fail');
	return outcome;
}

describe.each(Object.values(VENDORS))('$name trigger › broken and empty answers', (vendor) => {
	it.concurrent('a broken answer between two good polls: no events, snapshot intact', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			expect(await poll()).toBeNull();
			const before = snapshotOf(staticData);
			env.sandbox.failNext({ path: vendor.listPath, kind: 'html', count: 99 });
			const error = await failure(poll({ timeout: 1 }));
			expect(error.message).toMatch(/answered 200 without .*HTML page/);
			expect(snapshotOf(staticData)).toBe(before);
			env.sandbox.faults.queue.length = 0;
			expect(await poll()).toBeNull();
			expect(snapshotOf(staticData)).toBe(before);
		} finally {
			await env.close();
		}
	});

	it.concurrent('users without ids fail the poll instead of all sharing one key', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			expect(await poll()).toBeNull();
			const before = snapshotOf(staticData);
			env.sandbox.failNext({ path: vendor.listPath, kind: 'no-ids', count: 99 });
			const error = await failure(poll());
			expect(error.message).toContain('without a list of users with IDs');
			expect(snapshotOf(staticData)).toBe(before);
			env.sandbox.faults.queue.length = 0;
			expect(await poll()).toBeNull();
		} finally {
			await env.close();
		}
	});

	it.concurrent(
		'a well-formed empty list between two good polls is held, and the vendor recovering emits nothing',
		async () => {
			const env = await freshSandbox(vendor, { users: 60 });
			try {
				const staticData: IDataObject = {};
				const poll = poller(vendor, env, staticData);
				expect(await poll()).toBeNull();
				const before = snapshotOf(staticData);
				const known = Object.keys(JSON.parse(before) as object).length;
				env.sandbox.failNext({ path: vendor.listPath, kind: 'json', body: vendor.emptyList });
				const error = await failure(poll());
				expect(error.message).toContain(
					`would report ${known} of the ${known} users the trigger knew (100 %) as removed or deactivated`,
				);
				expect(error.message).toContain('Nothing was emitted');
				expect((error as { description?: string }).description).toMatch(
					/enter [0-9A-F]{4}-[0-9A-F]{4} in Options › Release Held Change/,
				);
				expect(snapshotOf(staticData)).toBe(before);
				expect(await poll()).toBeNull();
				expect(snapshotOf(staticData)).toBe(before);
			} finally {
				await env.close();
			}
		},
	);

	it.concurrent('an unchanged directory emits nothing over 10 polls', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			for (let n = 0; n < 11; n++) expect(await poll()).toBeNull();
		} finally {
			await env.close();
		}
	});
});

describe.each(Object.values(VENDORS))('$name trigger › mass-change safeguard', (vendor) => {
	it.concurrent('30 % deactivated at once is held, then released once with its code', async () => {
		const env = await freshSandbox(vendor, { users: 100 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			await poll();
			const before = snapshotOf(staticData);
			const known = Object.keys(JSON.parse(before) as object).length;
			const leavers = vendor.activeIds(env.sandbox).slice(0, Math.ceil(known * 0.3));
			for (const id of leavers) vendor.deactivate(env.sandbox, id);

			const held = await failure(poll());
			expect(held.message).toMatch(
				new RegExp(`^Held: this poll would report ${leavers.length} of the ${known} users`),
			);
			expect(held.message).toContain('the larger of 10 users and 20 %');
			expect(snapshotOf(staticData)).toBe(before);
			const code = /([0-9A-F]{4}-[0-9A-F]{4})/.exec(
				(held as { description?: string }).description ?? '',
			)?.[1];
			expect(code).toBeDefined();
			// Still held on the next poll: a real change stays visible until someone acts.
			await failure(poll());

			const released = await poll({ releaseCode: code });
			expect(released?.map((i) => i.json.event)).toEqual(leavers.map(() => 'userDeactivated'));
			expect(new Set(released?.map((i) => vendor.idOf(i.json)))).toEqual(new Set(leavers));
			expect(await poll({ releaseCode: code })).toBeNull();
			expect(await poll()).toBeNull();
		} finally {
			await env.close();
		}
	});

	it.concurrent('one user deactivated flows as usual', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			await poll();
			const [leaver] = vendor.activeIds(env.sandbox);
			vendor.deactivate(env.sandbox, leaver);
			const items = await poll();
			expect(items?.map((i) => [i.json.event, vendor.idOf(i.json)])).toEqual([
				['userDeactivated', leaver],
			]);
		} finally {
			await env.close();
		}
	});

	it.concurrent('a release code of another change releases nothing', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			await poll();
			for (const id of vendor.activeIds(env.sandbox).slice(0, 20))
				vendor.deactivate(env.sandbox, id);
			const held = await failure(poll({ releaseCode: 'ABCD-1234' }));
			expect(held.message).toContain(
				'The release code entered (ABCD-1234) is for a different change',
			);
		} finally {
			await env.close();
		}
	});
});

describe('ĀLO trigger › safeguard thresholds', () => {
	const vendor = VENDORS.alo;

	/** A directory of `users` people; returns how a poll goes after `leaving` are deactivated. */
	async function afterDeactivating(users: number, leaving: number, options: IDataObject = {}) {
		const env = await freshSandbox(vendor, { users });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			await poll(options);
			const known = Object.keys(JSON.parse(snapshotOf(staticData)) as object).length;
			for (const id of vendor.activeIds(env.sandbox).slice(0, leaving))
				vendor.deactivate(env.sandbox, id);
			const outcome = await poll(options).then(
				(items) => ({ emitted: items?.length ?? 0, held: false }),
				(error: Error) => ({ emitted: 0, held: /^Held:/.test(error.message) }),
			);
			return { ...outcome, known };
		} finally {
			await env.close();
		}
	}

	// Not every seeded person has an ĀLO login: 13 people give a 12-user team, 5,417 give 5,000.
	it.concurrent('a 12-user team: 10 deactivations flow, 11 are held', async () => {
		expect(await afterDeactivating(13, 10)).toMatchObject({ known: 12, emitted: 10, held: false });
		expect(await afterDeactivating(13, 11)).toMatchObject({ known: 12, held: true });
	});

	it.concurrent('a 5,000-user directory: 20 % flow, one more is held', async () => {
		expect(await afterDeactivating(5417, 1000)).toMatchObject({
			known: 5000,
			emitted: 1000,
			held: false,
		});
		expect(await afterDeactivating(5417, 1001)).toMatchObject({ known: 5000, held: true });
	});

	it.concurrent(
		'the count and percent options are respected, and the guard can be turned off',
		async () => {
			// 108 seeded people give a 100-user team.
			expect(
				await afterDeactivating(108, 4, { maxRemovals: 3, maxRemovalPercent: 0 }),
			).toMatchObject({ held: true });
			expect(
				await afterDeactivating(108, 3, { maxRemovals: 3, maxRemovalPercent: 0 }),
			).toMatchObject({ held: false, emitted: 3 });
			expect(await afterDeactivating(108, 31, { maxRemovalPercent: 30 })).toMatchObject({
				known: 100,
				held: true,
			});
			expect(await afterDeactivating(108, 30, { maxRemovalPercent: 30 })).toMatchObject({
				held: false,
				emitted: 30,
			});
			expect(await afterDeactivating(108, 80, { safeguard: false })).toMatchObject({
				held: false,
				emitted: 80,
			});
		},
	);
});

describe.each(Object.values(VENDORS))('$name trigger › Fetch Test Event', (vendor) => {
	it.concurrent(
		'shows a real recent change of a selected event, without consuming it',
		async () => {
			const env = await freshSandbox(vendor, { users: 60 });
			try {
				const staticData: IDataObject = {};
				const poll = poller(vendor, env, staticData);
				await poll();
				const before = snapshotOf(staticData);
				const [leaver] = vendor.activeIds(env.sandbox);
				vendor.deactivate(env.sandbox, leaver);
				const shown = await poll({}, 'manual', ['userDeactivated']);
				expect(shown?.map((i) => [i.json.event, vendor.idOf(i.json), i.json.sample])).toEqual([
					['userDeactivated', leaver, undefined],
				]);
				expect(snapshotOf(staticData)).toBe(before);
				// The active workflow still gets the event.
				expect((await poll({}, 'trigger', ['userDeactivated']))?.length).toBe(1);
			} finally {
				await env.close();
			}
		},
	);

	it.concurrent('otherwise shows a sample marked as such, of the event selected', async () => {
		const env = await freshSandbox(vendor, { users: 60 });
		try {
			const staticData: IDataObject = {};
			const poll = poller(vendor, env, staticData);
			const shown = await poll({}, 'manual', ['userReactivated']);
			expect(shown).toHaveLength(1);
			expect(shown?.[0].json).toMatchObject({ event: 'userReactivated', sample: true });
			expect(nodeState(staticData)).toEqual({});
		} finally {
			await env.close();
		}
	});
});
