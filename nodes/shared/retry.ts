import { settle } from './settle';
import { wait as cancellableWait } from './wait';

export interface RetryPolicy {
	/** Attempts in total, the first included. */
	maxAttempts: number;
	/** First backoff; doubles each attempt. */
	baseDelayMs: number;
	/** Cap for one backoff (a longer Retry-After is honoured up to `maxTotalWaitMs`). */
	maxDelayMs: number;
	/** Give up rather than wait longer than this in total between attempts. */
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
 * - `idempotent`: reads, and writes that leave the same result when repeated: retried on 429,
 *   5xx (but 501 and 505, which no repeat can fix), timeouts, dropped connections and answers
 *   that could not be read.
 * - `unsafe`: a write that could take effect twice. Retried only when the server certainly
 *   did nothing: a 429 (refused before acting) or a connection that was never made.
 */
export type RequestSafety = 'idempotent' | 'unsafe';

/** Statuses a repeat cannot fix: not implemented, HTTP version not supported. */
const PERMANENT_SERVER_ERRORS = [501, 505];

export function isRetryableStatus(status: number): boolean {
	return (
		status === 429 || (status >= 500 && status < 600 && !PERMANENT_SERVER_ERRORS.includes(status))
	);
}

/** The connection failed or broke: the request may or may not have been processed. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'BODY_INCOMPLETE',
]);

/** The request never reached the server, so repeating it is safe even for a write. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'EAI_AGAIN',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** What a failure says about retrying, read from whatever shape the HTTP layer threw. */
export interface FailureFacts {
	status?: number;
	networkCode?: string;
	retryAfterMs?: number;
	/** A success status whose body was not the answer expected (HTML, empty, wrong shape). */
	malformed?: boolean;
}

export interface RetryHooks {
	wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	now?: () => number;
	/** Stops waiting (and retrying) when the execution is cancelled. */
	signal?: AbortSignal;
	/** No new attempt starts past this time (ms since the epoch). */
	deadline?: number;
	/** Called before each wait; lets callers log a retry. */
	onRetry?: (attempt: number, delayMs: number, facts: FailureFacts) => void;
}

export async function withRetry<T>(
	attempt: () => Promise<T>,
	safety: RequestSafety,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	hooks: RetryHooks = {},
): Promise<T> {
	const { wait = cancellableWait, random = Math.random, now = Date.now, signal } = hooks;
	const deadline = hooks.deadline ?? Number.POSITIVE_INFINITY;
	let waited = 0;
	for (let n = 1; ; n++) {
		const outcome = await settle(attempt());
		if (outcome.ok) return outcome.value;
		// The failure is passed on unchanged: callers map it to the vendor's error once.
		const facts = failureFacts(outcome.error, now());
		if (n >= policy.maxAttempts || !isRetryable(facts, safety) || signal?.aborted)
			throw outcome.error;
		const delay = backoffDelay(n, facts, policy, random);
		if (waited + delay > policy.maxTotalWaitMs || now() + delay >= deadline) throw outcome.error;
		hooks.onRetry?.(n, delay, facts);
		waited += delay;
		await wait(delay, signal);
	}
}

export function isRetryable(facts: FailureFacts, safety: RequestSafety): boolean {
	if (facts.networkCode !== undefined && NOT_SENT_NETWORK_CODES.has(facts.networkCode)) return true;
	if (safety === 'unsafe') return facts.status === 429;
	if (facts.malformed) return true;
	if (facts.status !== undefined) return isRetryableStatus(facts.status);
	return facts.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(facts.networkCode);
}

/**
 * Whether a write that failed this way may still have been applied: the request may have
 * reached the server (no clear refusal came back). Such failures are reported as
 * "outcome unknown" instead of as a plain failure.
 */
export function outcomeUnknown(facts: FailureFacts): boolean {
	if (facts.malformed) return true;
	if (facts.status !== undefined) return facts.status >= 500;
	return facts.networkCode === undefined || !NOT_SENT_NETWORK_CODES.has(facts.networkCode);
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
	if (typeof value === 'number')
		return Number.isFinite(value) ? Math.max(0, value) * 1000 : undefined;
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
 *
 * A failure that carries a success status is a body that broke off after the headers (the
 * connection dropped mid-answer): that is a network failure, not an answer.
 */
export function failureFacts(error: unknown, nowMs: number): FailureFacts {
	const facts: FailureFacts = {};
	let code: string | undefined;
	let refused = false;
	let level = error as Loose;
	for (let depth = 0; level && typeof level === 'object' && depth < 6; depth++) {
		if (level.malformed === true) facts.malformed = true;
		if (level.refused === true) refused = true;
		const response = level.response as Loose;
		const status = Number(
			response?.status ?? response?.statusCode ?? level.httpCode ?? level.statusCode,
		);
		if (facts.status === undefined && Number.isInteger(status) && status > 0) facts.status = status;
		const headers = (response?.headers ?? level.headers) as Loose;
		const retryAfter = parseRetryAfter(headers?.['retry-after'] ?? headers?.['Retry-After'], nowMs);
		if (facts.retryAfterMs === undefined && retryAfter !== undefined)
			facts.retryAfterMs = retryAfter;
		if (code === undefined && typeof level.code === 'string') code = level.code;
		level = level.cause as Loose;
	}
	const brokenBody =
		facts.status !== undefined && facts.status < 300 && !facts.malformed && !refused;
	if (brokenBody) {
		delete facts.status;
		facts.networkCode = code && RETRYABLE_NETWORK_CODES.has(code) ? code : 'BODY_INCOMPLETE';
	} else if (facts.status === undefined && code !== undefined) {
		facts.networkCode = code;
	}
	return facts;
}
