import { sleep } from 'n8n-workflow';

/**
 * Why a wait stopped early: the execution was cancelled. n8n marks an execution "canceled"
 * (not failed) when the error it ends with says so.
 */
export function cancellationError(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error && /cancel/i.test(`${reason.name} ${reason.message}`)) return reason;
	const error = new Error('The execution was canceled');
	error.name = 'ExecutionCancelledError';
	return error;
}

/**
 * Waits `ms`, or rejects as soon as `signal` aborts (a cancelled execution must not sit out
 * a backoff or a rate-limit slot). n8n 2.x's `sleep` clears its timer on abort; n8n 1.x's
 * ignores the signal, so the abort is also raced here.
 */
export async function wait(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw cancellationError(signal);
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => reject(cancellationError(signal));
		signal.addEventListener('abort', onAbort, { once: true });
		sleep(ms, signal).then(
			() => {
				signal.removeEventListener('abort', onAbort);
				resolve();
			},
			// Rejected by the abort itself, which `onAbort` already reported.
			() => undefined,
		);
	});
}
