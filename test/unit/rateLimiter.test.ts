/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { describe, expect, it } from 'vitest';

import { createRateLimiter } from '../../nodes/shared/rateLimiter';

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('createRateLimiter', () => {
	it('never lets more than N requests arrive in any window, even when arrivals are delayed', async () => {
		const limiter = createRateLimiter({ requests: 5, windowMs: 100 });
		const arrivals: number[] = [];
		// The first request spends 40 ms before reaching the server (think: a token fetch).
		const request = async (delay: number) => {
			await pause(delay);
			arrivals.push(Date.now());
			await pause(5);
		};
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				limiter.run(async () => await request(i === 0 ? 40 : 0)),
			),
		);
		arrivals.sort((a, b) => a - b);
		for (let i = 5; i < arrivals.length; i++)
			expect(arrivals[i] - arrivals[i - 5]).toBeGreaterThanOrEqual(99);
	});

	it('passes a failure on and frees the slot', async () => {
		const limiter = createRateLimiter({ requests: 1, windowMs: 10 });
		await expect(limiter.run(async () => await Promise.reject(new Error('boom')))).rejects.toThrow(
			'boom',
		);
		await expect(limiter.run(async () => await Promise.resolve('next'))).resolves.toBe('next');
	});
});
