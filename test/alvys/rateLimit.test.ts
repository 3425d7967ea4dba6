/* eslint-disable no-console -- prints the measured pace next to the assertion */
import { describe, expect, it } from 'vitest';

import { peakInWindow } from '../../sandbox/index.mjs';
import { runNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

// A realistic round trip, so that the budget, not the latency, sets the pace.
const alvys = useSandbox('alvys', { users: 5000, latencyMs: 40 });

describe('Alvys › 10 requests per second per token', () => {
	it('lists 5,000 users with no 429, never above 10 requests in any second, close to what the budget allows', async () => {
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
		expect(items).toHaveLength(expected);
		expect(new Set(items.map((i) => i.json.Id)).size).toBe(expected);

		const calls = alvys.sandbox.requests({ path: '/api/p/' });
		expect(calls.filter((r) => r.status === 429)).toHaveLength(0);
		expect(peakInWindow(calls, 1000)).toBeLessThanOrEqual(10);

		// N requests at 10/s: the last can start after ceil(N/10) - 1 full seconds, then one round trip.
		const budgetMs = (Math.ceil(calls.length / 10) - 1) * 1000 + 40;
		console.log(
			`Alvys 5,000 users: ${calls.length} requests, peak ${peakInWindow(calls, 1000)}/s, ${Math.round(wallMs)} ms (budget ${budgetMs} ms)`,
		);
		expect(wallMs).toBeLessThanOrEqual(1.2 * budgetMs);
	});
});
