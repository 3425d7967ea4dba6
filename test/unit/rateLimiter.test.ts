/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud; the contention figures are worth seeing */
import { describe, expect, it } from 'vitest';

import { createRateLimiter } from '../../nodes/shared/rateLimiter';

const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** What n8n throws for a refused request: the HTTP error (status, headers) as the cause. */
function tooManyRequests(retryAfter?: string) {
	return Object.assign(new Error('429 Too Many Requests'), {
		cause: {
			response: { status: 429, headers: retryAfter ? { 'retry-after': retryAfter } : {} },
		},
	});
}

/**
 * A server with a budget of `capacity` requests per `windowMs` per token (a token bucket,
 * as the Alvys sandbox has), answering 429 beyond it, without Retry-After.
 */
function budgetServer(capacity: number, windowMs: number) {
	let tokens = capacity;
	let at = Date.now();
	const log: Array<{ t: number; status: number }> = [];
	return {
		log,
		async request() {
			const t = Date.now();
			tokens = Math.min(capacity, tokens + ((t - at) / windowMs) * capacity);
			at = t;
			await pause(2);
			if (tokens < 1) {
				log.push({ t, status: 429 });
				throw tooManyRequests();
			}
			tokens -= 1;
			log.push({ t, status: 200 });
			return 'ok';
		},
	};
}

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

	it('on a 429 it halves its rate, waits as long as Retry-After says, then sends the request again', async () => {
		const limiter = createRateLimiter({ requests: 8, windowMs: 100 });
		const sent: number[] = [];
		let refused = false;
		const result = await limiter.run(async () => {
			sent.push(Date.now());
			if (refused) return 'answered';
			refused = true;
			throw tooManyRequests('0.3');
		});
		expect(result).toBe('answered');
		expect(sent).toHaveLength(2);
		expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(299);
		expect(limiter.state()).toMatchObject({ rateLimited: 1 });
		// Halved, then raised a little by the answered request.
		expect(limiter.state().limit).toBeGreaterThan(4);
		expect(limiter.state().limit).toBeLessThan(5);
	});

	it('halves once for a burst refused together, and recovers to the full rate with answers', async () => {
		const limiter = createRateLimiter({ requests: 8, windowMs: 50, random: () => 0 });
		let refuse = 8;
		await Promise.all(
			Array.from({ length: 8 }, () =>
				limiter.run(async () => {
					await pause(1);
					if (refuse-- > 0) throw tooManyRequests();
					return 'ok';
				}),
			),
		);
		expect(limiter.state().rateLimited).toBe(8);
		// All eight answered after one halving (8 → 4), each raising the rate a little.
		expect(limiter.state().limit).toBeGreaterThan(4);
		for (let i = 0; i < 120 && limiter.state().limit < 8; i++)
			await limiter.run(async () => await Promise.resolve('ok'));
		expect(limiter.state().limit).toBe(8);
	});

	it('spreads its requests evenly while below the full rate', async () => {
		const limiter = createRateLimiter({ requests: 10, windowMs: 100, random: () => 0 });
		let first = true;
		await limiter.run(async () => {
			if (first) {
				first = false;
				throw tooManyRequests();
			}
			return 'ok';
		});
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 4 }, () =>
				limiter.run(async () => {
					starts.push(Date.now());
					return await Promise.resolve('ok');
				}),
			),
		);
		// About 5 per window now: one start every ~20 ms, not a burst.
		for (let i = 1; i < starts.length; i++)
			expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(15);
	});

	it('passes the 429 on when told not to adapt, or once its patience is spent', async () => {
		const off = createRateLimiter({ requests: 2, windowMs: 10, onRateLimited: 'off' });
		await expect(off.run(async () => await Promise.reject(tooManyRequests()))).rejects.toThrow(
			'429',
		);
		const patient = createRateLimiter({ requests: 2, windowMs: 20, patienceMs: 100 });
		let attempts = 0;
		await expect(
			patient.run(async () => {
				attempts++;
				return await Promise.reject(tooManyRequests());
			}),
		).rejects.toThrow('429');
		expect(attempts).toBeGreaterThan(1);
		expect(attempts).toBeLessThan(10);
	});

	it("never sends again after the caller's deadline", async () => {
		const limiter = createRateLimiter({ requests: 2, windowMs: 20 });
		const sent: number[] = [];
		const deadline = Date.now() + 150;
		await expect(
			limiter.run(async () => {
				sent.push(Date.now());
				return await Promise.reject(tooManyRequests());
			}, deadline),
		).rejects.toThrow('429');
		expect(sent.length).toBeGreaterThan(1);
		expect(Math.max(...sent)).toBeLessThan(deadline);
	});

	it('lets executions that share one budget, and cannot talk to each other, all finish', async () => {
		// Four "executions", each with its own limiter at the full budget, one server budget of
		// 10 requests per 100 ms: together they ask four times what the server grants, so
		// without adapting their requests are refused over and over; with it, all are answered.
		const server = budgetServer(10, 100);
		const executions = Array.from({ length: 4 }, () =>
			createRateLimiter({ requests: 10, windowMs: 100 }),
		);
		const results = await Promise.all(
			executions.map(
				async (limiter) =>
					await Promise.all(
						Array.from({ length: 40 }, async () => await limiter.run(server.request)),
					),
			),
		);
		expect(results.flat()).toHaveLength(160);
		expect(results.flat().every((r) => r === 'ok')).toBe(true);
		const answered = server.log.filter((e) => e.status === 200);
		expect(answered).toHaveLength(160);
		console.log(
			`4 limiters on one 10-per-100-ms budget: 160 answered, ${server.log.length - 160} refused`,
		);
	});
});
