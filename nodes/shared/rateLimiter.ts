import { sleep } from 'n8n-workflow';

import { settle } from './settle';

export interface RateLimiter {
	/** Runs `task` once it may start without exceeding the budget. */
	run<T>(task: () => Promise<T>): Promise<T>;
}

export interface RateLimitOptions {
	/** Requests allowed in any window of `windowMs`, as the server counts them. */
	requests: number;
	windowMs: number;
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
}

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
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
	const { requests, windowMs, now = Date.now, wait = sleep } = options;
	if (!(requests >= 1)) throw new RangeError('requests must be at least 1');
	let inFlight = 0;
	/** Completion times of finished requests still inside the window, oldest first. */
	const finished: number[] = [];
	let queue: Promise<void> = Promise.resolve();
	let slotFreed: (() => void) | undefined;

	const takeSlot = async (): Promise<void> => {
		for (;;) {
			const t = now();
			while (finished.length > 0 && t - finished[0] >= windowMs) finished.shift();
			if (inFlight + finished.length < requests) {
				inFlight++;
				return;
			}
			if (finished.length > 0) {
				await wait(finished[0] + windowMs - t);
			} else {
				// Every slot is in flight: wait for one to finish.
				await new Promise<void>((resolve) => (slotFreed = resolve));
			}
		}
	};

	return {
		async run<T>(task: () => Promise<T>): Promise<T> {
			const turn = queue.then(takeSlot);
			queue = turn;
			await turn;
			const outcome = await settle(task());
			inFlight--;
			finished.push(now());
			slotFreed?.();
			slotFreed = undefined;
			if (!outcome.ok) throw outcome.error;
			return outcome.value;
		},
	};
}
