import type { IDataObject } from 'n8n-workflow';

/**
 * Checks of what a vendor answered, run on every successful response before it is used.
 * A check returns undefined when the body is acceptable, or what was expected instead
 * ("a list of users"), which becomes a `MalformedAnswerError`.
 */
export type AnswerCheck = (body: unknown, statusCode: number) => string | undefined;

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any JSON object (a single user, an envelope). */
export const anObject: AnswerCheck = (body) => (isObject(body) ? undefined : 'a JSON object');

/** A JSON object or nothing at all (e.g. a DELETE answered with 204 or an empty 200). */
export const anObjectOrNothing: AnswerCheck = (body) =>
	body === undefined || body === '' || isObject(body) ? undefined : 'a JSON object or no body';

/** A whole number from 0, when present. */
export function isCount(value: unknown): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * The list of records in a page: every entry an object with an id. A list entry without an
 * id cannot be de-duplicated or tracked, so the page is refused rather than guessed at.
 */
export function checkRecords(
	records: unknown,
	idOf: (record: IDataObject) => unknown,
	what = 'users',
): string | undefined {
	if (!Array.isArray(records)) return `a list of ${what}`;
	for (const record of records) {
		if (!isObject(record)) return `a list of ${what} (an entry is not an object)`;
		const id = idOf(record);
		if (!((typeof id === 'string' && id.trim() !== '') || typeof id === 'number'))
			return `a list of ${what} with IDs (an entry has none)`;
	}
	return undefined;
}
