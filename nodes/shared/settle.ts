export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Awaits a promise without throwing, so a caller can decide what a failure means. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}
