import { sleep } from 'n8n-workflow';

import { settle } from './settle';

export interface RetryPolicy {
	/** Attempts in total, the first included. */
	maxAttempts: number;
	/** First backoff; doubles each attempt. */
	baseDelayMs: number;
	/** Cap for one backoff (a longer Retry-After is honoured up to `maxTotalWaitMs`). */
	maxDelayMs: number;
	/** Give up rather than wait longer than this in total. */
	maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	maxTotalWaitMs: 30_000,
};

/**
 * How safe it is to send a request again after a failure.
 * - `idempotent`: reads, and writes the vendor documents as repeatable: retried on 429, 502,
 *   503, 504 and dropped connections.
 * - `unsafe`: a write that could take effect twice. Only a 429 is retried, because the server
 *   refused it before doing anything; a 5xx or a dropped connection leaves its fate unknown.
 */
export type RequestSafety = 'idempotent' | 'unsafe';

export const RETRYABLE_STATUS_CODES = [429, 502, 503, 504];

const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ENETUNREACH',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** What a failure says about retrying, read from whatever shape the HTTP layer threw. */
export interface FailureFacts {
	status?: number;
	networkCode?: string;
	retryAfterMs?: number;
}

export interface RetryHooks {
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
	now?: () => number;
	/** Called before each wait; lets callers log a retry. */
	onRetry?: (attempt: number, delayMs: number, facts: FailureFacts) => void;
}

export async function withRetry<T>(
	attempt: () => Promise<T>,
	safety: RequestSafety,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	hooks: RetryHooks = {},
): Promise<T> {
	const { wait = sleep, random = Math.random, now = Date.now } = hooks;
	let waited = 0;
	for (let n = 1; ; n++) {
		const outcome = await settle(attempt());
		if (outcome.ok) return outcome.value;
		// The failure is passed on unchanged: callers map it to the vendor's error once.
		const facts = failureFacts(outcome.error, now());
		if (n >= policy.maxAttempts || !isRetryable(facts, safety)) throw outcome.error;
		const delay = backoffDelay(n, facts, policy, random);
		if (waited + delay > policy.maxTotalWaitMs) throw outcome.error;
		hooks.onRetry?.(n, delay, facts);
		waited += delay;
		await wait(delay);
	}
}

export function isRetryable(facts: FailureFacts, safety: RequestSafety): boolean {
	if (safety === 'unsafe') return facts.status === 429;
	if (facts.status !== undefined) return RETRYABLE_STATUS_CODES.includes(facts.status);
	return facts.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(facts.networkCode);
}

/** Exponential backoff with full jitter, unless the server said how long to wait. */
export function backoffDelay(
	attempt: number,
	facts: FailureFacts,
	policy: RetryPolicy,
	random: () => number,
): number {
	if (facts.retryAfterMs !== undefined) return Math.max(0, facts.retryAfterMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	// Half fixed, half random: spreads concurrent retries without ever retrying instantly.
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value === 'number') return value * 1000;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

type Loose = Record<string, unknown> | undefined;

/**
 * n8n wraps HTTP failures in `NodeApiError`, keeping the original (axios) error as `cause`;
 * older n8n releases throw it bare. Walk the chain and take the first facts found.
 */
export function failureFacts(error: unknown, nowMs: number): FailureFacts {
	const facts: FailureFacts = {};
	let level = error as Loose;
	for (let depth = 0; level && typeof level === 'object' && depth < 5; depth++) {
		const response = level.response as Loose;
		const status = Number(
			response?.status ?? response?.statusCode ?? level.httpCode ?? level.statusCode,
		);
		if (facts.status === undefined && Number.isInteger(status) && status > 0) facts.status = status;
		const headers = (response?.headers ?? level.headers) as Loose;
		const retryAfter = parseRetryAfter(headers?.['retry-after'] ?? headers?.['Retry-After'], nowMs);
		if (facts.retryAfterMs === undefined && retryAfter !== undefined)
			facts.retryAfterMs = retryAfter;
		if (facts.networkCode === undefined && typeof level.code === 'string' && !response) {
			facts.networkCode = level.code;
		}
		level = level.cause as Loose;
	}
	return facts;
}
