import { describe, expect, it } from 'vitest';

import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	failureFacts,
	parseRetryAfter,
	withRetry,
} from '../../nodes/shared/retry';

/** An error shaped like the axios error n8n wraps in a NodeApiError. */
function httpError(status: number, headers: Record<string, string> = {}) {
	const axiosError = Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, headers, data: { message: 'nope' } },
	});
	return Object.assign(new Error('wrapped'), { httpCode: String(status), cause: axiosError });
}

function networkError(code: string) {
	return Object.assign(new Error('socket hang up'), {
		cause: Object.assign(new Error('x'), { code }),
	});
}

function scripted(failures: unknown[], value = 'ok') {
	let calls = 0;
	return {
		calls: () => calls,
		run: async () => {
			const failure = failures[calls++];
			if (failure) throw failure;
			return value;
		},
	};
}

function recorder() {
	const waits: number[] = [];
	return { waits, hooks: { wait: async (ms: number) => void waits.push(ms), random: () => 0.5 } };
}

describe('withRetry', () => {
	it('waits for Retry-After seconds on a 429, then succeeds', async () => {
		const api = scripted([httpError(429, { 'retry-after': '3' })]);
		const { waits, hooks } = recorder();
		await expect(withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, hooks)).resolves.toBe('ok');
		expect(waits).toEqual([3000]);
	});

	it('honours Retry-After given as an HTTP date', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('retries a 503 with backoff and then succeeds', async () => {
		const api = scripted([httpError(503), httpError(503)]);
		const { waits, hooks } = recorder();
		await expect(withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, hooks)).resolves.toBe('ok');
		expect(api.calls()).toBe(3);
		expect(waits).toEqual([375, 750]);
	});

	it('retries dropped connections on reads', async () => {
		const api = scripted([networkError('ECONNRESET')]);
		const { hooks } = recorder();
		await expect(withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, hooks)).resolves.toBe('ok');
		expect(api.calls()).toBe(2);
	});

	it('does not retry a write that is not marked safe', async () => {
		for (const failure of [httpError(503), networkError('ECONNRESET'), httpError(502)]) {
			const api = scripted([failure]);
			await expect(
				withRetry(api.run, 'unsafe', DEFAULT_RETRY_POLICY, recorder().hooks),
			).rejects.toBe(failure);
			expect(api.calls()).toBe(1);
		}
	});

	it('retries a refused (429) write, which the server did not process', async () => {
		const api = scripted([httpError(429)]);
		await expect(
			withRetry(api.run, 'unsafe', DEFAULT_RETRY_POLICY, recorder().hooks),
		).resolves.toBe('ok');
	});

	it('does not retry client errors', async () => {
		const api = scripted([httpError(404)]);
		await expect(
			withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, recorder().hooks),
		).rejects.toThrow();
		expect(api.calls()).toBe(1);
	});

	it('stops after the attempt limit', async () => {
		const api = scripted(Array(10).fill(httpError(503)));
		await expect(
			withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, recorder().hooks),
		).rejects.toThrow();
		expect(api.calls()).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
	});

	it('gives up rather than exceed the total wait budget', async () => {
		const api = scripted([httpError(429, { 'retry-after': '120' })]);
		const { waits, hooks } = recorder();
		await expect(withRetry(api.run, 'idempotent', DEFAULT_RETRY_POLICY, hooks)).rejects.toThrow();
		expect(waits).toEqual([]);
	});

	it('jitters backoff between half and the full exponential ceiling', () => {
		const policy = DEFAULT_RETRY_POLICY;
		expect(backoffDelay(3, {}, policy, () => 0)).toBe(1000);
		expect(backoffDelay(3, {}, policy, () => 1)).toBe(2000);
		expect(backoffDelay(10, {}, policy, () => 1)).toBe(policy.maxDelayMs);
	});

	it('reads status, Retry-After and network codes through error wrappers', () => {
		expect(failureFacts(httpError(429, { 'retry-after': '2' }), 0)).toEqual({
			status: 429,
			retryAfterMs: 2000,
		});
		expect(failureFacts(networkError('ETIMEDOUT'), 0)).toEqual({ networkCode: 'ETIMEDOUT' });
	});
});
