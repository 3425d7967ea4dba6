import { sleep } from 'n8n-workflow';

import { failureFacts } from './retry';
import { settle } from './settle';

export interface RateLimiter {
	/**
	 * Runs `task` once it may start without exceeding the budget. `lastStart` (ms since the
	 * epoch), when given, is the caller's deadline: no re-send after a 429 starts later.
	 */
	run<T>(task: () => Promise<T>, lastStart?: number): Promise<T>;
}

export interface AdaptiveRateLimiter extends RateLimiter {
	/** Requests per window this limiter allows itself right now, and the 429s it absorbed. */
	state(): { limit: number; rateLimited: number };
}

export interface RateLimitOptions {
	/** Requests allowed in any window of `windowMs`, as the server counts them. */
	requests: number;
	windowMs: number;
	/**
	 * What a 429 means when this limiter kept to the budget: somebody else (another execution
	 * using the same credential, on this n8n or on another worker) spends it too. `adapt`
	 * (default): slow down and send the request again, see {@link createRateLimiter}. `off`:
	 * pass the 429 on to the caller.
	 */
	onRateLimited?: 'adapt' | 'off';
	/** Longest one request keeps going through 429s before the 429 is passed on (default 60 s). */
	patienceMs?: number;
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
}

/** Pause after a 429 without Retry-After: one window, plus up to half a window of jitter. */
const JITTER = 0.5;
/**
 * Requests per window regained per window of answered requests, once slowed down. Measured
 * with six executions on one Alvys token (10 per second): 1 → 97 refusals, 0.5 → 80 and
 * 0.25 → 71 for the same 300 pages, taking 32.5, 32.6 and 34.3 s against the 30 s the
 * budget allows (one run each); most refusals come in the first second, before any
 * execution has heard a 429.
 */
const RECOVERY = 0.5;

/**
 * Keeps requests within "N per window" as the *server* counts them (by arrival).
 *
 * A request reaches the server somewhere between the moment it starts and the moment its
 * response is back; the client cannot see when. So a request holds its slot while in flight
 * and, once done, keeps it for a full window counted from its completion. Any two requests
 * arriving less than a window apart are then always counted against each other, whatever
 * the network or a token fetch did to them in between. The price is one round trip per
 * window, against the 60-100 ms guesswork margins a start-stamped limiter needs.
 *
 * Callers are served in arrival order, so no page starves.
 *
 * **Sharing the budget with others.** A limiter lives in one execution (queue-mode workers
 * share no memory, and a node keeps no state between executions), but the vendor's budget
 * belongs to the credential's token, which every execution using that credential shares. The
 * only signal the others give is the server's 429. On one, the limiter backs off like TCP:
 * it halves its own rate (once per window, however many requests of the same burst are
 * refused), starts nothing for the Retry-After the server gave or else for a window plus
 * random jitter (so executions that were refused together do not come back together), and
 * sends the refused request again. While it runs below the full rate its requests are evenly
 * spaced, and every answered request raises the rate by a little (half a request per window
 * after a window of answers), back up to the full budget. Executions sharing a token thus
 * settle on shares that add up to about the budget, and none fails because of the others.
 */
export function createRateLimiter(options: RateLimitOptions): AdaptiveRateLimiter {
	const {
		requests,
		windowMs,
		now = Date.now,
		wait = sleep,
		random = Math.random,
		onRateLimited = 'adapt',
		patienceMs = 60_000,
	} = options;
	if (!(requests >= 1)) throw new RangeError('requests must be at least 1');
	let inFlight = 0;
	/** Completion times of finished requests still inside the window, oldest first. */
	const finished: number[] = [];
	let queue: Promise<void> = Promise.resolve();
	let slotFreed: (() => void) | undefined;

	/** Requests per window allowed now: `requests` until a 429, then adapted (at least 1). */
	let limit = requests;
	let lastStart = Number.NEGATIVE_INFINITY;
	let pausedUntil = Number.NEGATIVE_INFINITY;
	/** When the rate was last halved; 429s of requests sent before that do not halve it again. */
	let lastDecrease = Number.NEGATIVE_INFINITY;
	let rateLimited = 0;

	const takeSlot = async (): Promise<void> => {
		for (;;) {
			const t = now();
			if (t < pausedUntil) {
				await wait(pausedUntil - t);
				continue;
			}
			while (finished.length > 0 && t - finished[0] >= windowMs) finished.shift();
			// Below the full rate, starts are spread evenly instead of in bursts.
			const spacedUntil = limit < requests ? lastStart + windowMs / limit : t;
			if (inFlight + finished.length < Math.ceil(limit) && t >= spacedUntil) {
				inFlight++;
				lastStart = t;
				return;
			}
			if (inFlight + finished.length < Math.ceil(limit)) {
				await wait(spacedUntil - t);
			} else if (finished.length > 0) {
				await wait(finished[0] + windowMs - t);
			} else {
				// Every slot is in flight: wait for one to finish.
				await new Promise<void>((resolve) => (slotFreed = resolve));
			}
		}
	};

	const attempt = async <T>(task: () => Promise<T>) => {
		const turn = queue.then(takeSlot);
		queue = turn;
		await turn;
		const sentAt = now();
		const outcome = await settle(task());
		inFlight--;
		finished.push(now());
		slotFreed?.();
		slotFreed = undefined;
		return { outcome, sentAt };
	};

	const backOff = (sentAt: number, retryAfterMs: number | undefined): number => {
		rateLimited++;
		const t = now();
		if (sentAt > lastDecrease) {
			limit = Math.max(1, limit / 2);
			lastDecrease = t;
		}
		const pause = retryAfterMs ?? windowMs * (1 + random() * JITTER);
		pausedUntil = Math.max(pausedUntil, t + pause);
		return pause;
	};

	const recover = (sentAt: number) => {
		if (limit < requests && sentAt > lastDecrease)
			limit = Math.min(requests, limit + RECOVERY / limit);
	};

	return {
		async run<T>(task: () => Promise<T>, deadline?: number): Promise<T> {
			const started = now();
			for (;;) {
				const { outcome, sentAt } = await attempt(task);
				if (outcome.ok) {
					recover(sentAt);
					return outcome.value;
				}
				if (onRateLimited === 'off') throw outcome.error;
				const facts = failureFacts(outcome.error, now());
				if (facts.status !== 429) throw outcome.error;
				const pause = backOff(sentAt, facts.retryAfterMs);
				if (now() + pause - started > patienceMs) throw outcome.error;
				if (deadline !== undefined && now() + pause >= deadline) throw outcome.error;
			}
		},
		state: () => ({ limit, rateLimited }),
	};
}
