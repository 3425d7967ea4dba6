/* eslint-disable no-console -- prints the measured pace next to the assertion */
import { describe, expect, it } from 'vitest';

import { peakInWindow } from '../../sandbox/index.mjs';
import { runNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

// 5,500 people of whom 1 in 11 has no Alvys login: exactly 5,000 Alvys users (50 full pages, and
// the page after them, read to confirm that a total which is an exact multiple is not too low).
// A realistic, jittery round trip (40-60 ms), so that the budget, not the latency, sets the pace.
const LATENCY_MS = 40;
const alvys = useSandbox('alvys', { users: 5500, latencyMs: LATENCY_MS, latencyJitterMs: 20 });

describe('Alvys › 10 requests per second per token', () => {
	it('lists 5,000 users with no 429, never above 10 requests in any second', async () => {
		const started = performance.now();
		const { items, error } = await runNode(
			{
				type: 'alvys',
				credential: 'alvysApi',
				parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			},
			{ credentials: { alvysApi: alvys.credentials() } },
		);
		const wallMs = performance.now() - started;
		expect(error).toBeUndefined();
		const expected = alvys.sandbox.state.users.length;
		expect(expected).toBe(5000);
		expect(items).toHaveLength(expected);
		expect(new Set(items.map((i) => i.json.Id)).size).toBe(expected);

		const calls = alvys.sandbox.requests({ path: '/api/p/' });
		expect(calls.filter((r) => r.status === 429)).toHaveLength(0);
		expect(peakInWindow(calls, 1000)).toBeLessThanOrEqual(10);
		expect(alvys.sandbox.requests({ path: '/oauth/token' })).toHaveLength(1);

		// The fastest any client may go: N requests at 10 per second means request k may arrive at
		// floor(k/10) s at the earliest, so the last one at (ceil(N/10) - 1) s, and its answer is
		// back one (minimum) round trip later. Token fetch and node start-up count against us.
		const budgetMs = (Math.ceil(calls.length / 10) - 1) * 1000 + LATENCY_MS;
		console.log(
			`Alvys 5,000 users: ${calls.length} requests, peak ${peakInWindow(calls, 1000)}/s, ${Math.round(wallMs)} ms (budget ${budgetMs} ms)`,
		);
		// How close to the budget is measured by `npm run bench`, never asserted in a unit test.
	});
});
