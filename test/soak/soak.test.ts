/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code runs in Node; the soak prints its summary */
import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { FaultKind } from '../../sandbox/index.mjs';
import { runNode } from '../harness/run';
import { freshSandbox, VENDORS, type VendorUnderTest } from '../trust/vendors';

/**
 * Return All under a steady 10 % of failing requests: mixed 5xx, 429 with and without
 * Retry-After, connections reset before and in the middle of the body, slow answers. Every
 * run must end with every user exactly once. `npm test` runs 5 rounds; `npm run soak` 50
 * (SOAK_RUNS).
 */
const RUNS = Number(process.env.SOAK_RUNS ?? 5);
const FAULTS: FaultKind[] = [
	'500',
	'502',
	'503',
	'504',
	'429',
	'429-retry-after',
	'reset',
	'reset-mid-body',
	'slow',
];

interface RunReport {
	ok: boolean;
	lost: number;
	duplicated: number;
	faults: number;
	ms: number;
	error?: string;
}

async function soak(
	vendor: VendorUnderTest,
	people: number,
	list: IDataObject,
	expectedIds: (users: Array<Record<string, string>>) => string[],
): Promise<RunReport[]> {
	const env = await freshSandbox(vendor, {
		users: people,
		faultRate: 0.1,
		faultKinds: FAULTS,
		slowMs: 300,
		retryAfterSeconds: 1,
		seed: 7,
	});
	const reports: RunReport[] = [];
	try {
		const expected = expectedIds(env.sandbox.state.users as Array<Record<string, string>>);
		for (let run = 0; run < RUNS; run++) {
			env.sandbox.clearLog();
			const started = Date.now();
			const { items, error } = await runNode(env.node(list), {
				credentials: env.credentials(),
			});
			const got = items.map((i) => vendor.idOf(i.json));
			const unique = new Set(got);
			const report: RunReport = {
				ok: !error && got.length === expected.length && unique.size === expected.length,
				lost: expected.filter((id) => !unique.has(id)).length,
				duplicated: got.length - unique.size,
				faults: env.sandbox.log.filter((e) => e.fault).length,
				ms: Date.now() - started,
				error: error?.message,
			};
			console.log(
				`soak ${vendor.name} run ${run + 1}/${RUNS}: ${report.ok ? 'passed' : 'FAILED'}, ${got.length} users, lost ${report.lost}, duplicated ${report.duplicated}, ${report.faults} faults in ${env.sandbox.log.length} requests, ${report.ms} ms${report.error ? `: ${report.error}` : ''}`,
			);
			reports.push(report);
		}
	} finally {
		await env.close();
	}
	return reports;
}

describe(`soak: Return All with 10 % failing requests, ${RUNS} runs per vendor`, () => {
	it('never loses or duplicates a user', { timeout: 60_000 + RUNS * 60_000 }, async () => {
		// Not every seeded person is in every system: 10,833 people give 10,000 ĀLO users
		// (active and not), 5,312 give 5,000 OS1 users.
		const [alo, os1] = await Promise.all([
			soak(
				VENDORS.alo,
				10_833,
				{ operation: 'getAll', returnAll: true, filters: { includeInactive: true } },
				(users) => users.map((u) => u.id),
			),
			soak(VENDORS.os1, 5_312, VENDORS.os1.list, (users) => users.map((u) => u.id)),
		]);
		const all = [...alo, ...os1];
		const passed = all.filter((r) => r.ok).length;
		console.log(
			`soak: ${passed} passed, ${all.length - passed} failed; lost ${all.reduce((n, r) => n + r.lost, 0)}, duplicated ${all.reduce((n, r) => n + r.duplicated, 0)} (ĀLO 10,000 and OS1 5,000 users, ${RUNS} runs each)`,
		);
		expect(all.map((r) => r.duplicated)).toEqual(all.map(() => 0));
		expect(all.filter((r) => r.error === undefined).map((r) => r.lost)).toEqual(
			all.filter((r) => r.error === undefined).map(() => 0),
		);
		expect(passed).toBe(all.length);
	});
});
