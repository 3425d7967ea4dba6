import { sleep } from 'n8n-workflow';

export interface RateLimiter {
	/** Resolves when one more request may start without exceeding the budget. */
	acquire(): Promise<void>;
}

export interface RateLimitOptions {
	/** Requests allowed in any window of `windowMs`. */
	requests: number;
	windowMs: number;
	/**
	 * Extra spacing added to the window. A server counts arrivals, not departures, and two
	 * requests sent 1000 ms apart can arrive 990 ms apart; a small margin absorbs that jitter.
	 */
	marginMs?: number;
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
}

/**
 * Sliding-window limiter: at most `requests` starts in any `windowMs` (+ margin) window.
 * Unlike a fixed per-second counter it never lets a burst straddle a window boundary.
 * Callers are served in arrival order, so no page starves.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
	const { requests, windowMs, marginMs = 0, now = Date.now, wait = sleep } = options;
	if (!(requests >= 1)) throw new RangeError('requests must be at least 1');
	const span = windowMs + marginMs;
	const starts: number[] = [];
	let queue: Promise<void> = Promise.resolve();

	const takeSlot = async (): Promise<void> => {
		for (;;) {
			const t = now();
			while (starts.length > 0 && t - starts[0] >= span) starts.shift();
			if (starts.length < requests) {
				starts.push(t);
				return;
			}
			await wait(starts[0] + span - t);
		}
	};

	return {
		async acquire() {
			const turn = queue.then(takeSlot);
			queue = turn.catch(() => undefined);
			await turn;
		},
	};
}
