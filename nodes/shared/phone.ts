/**
 * Normalises a phone number to `+<country code><digits>` (E.164): spaces, dashes, dots and
 * brackets are stripped first, since people type them. Returns undefined when what is left
 * is not a plausible international number.
 */
export function normalizePhoneNumber(value: string): string | undefined {
	const compact = value.trim().replace(/[\s\-().]/g, '');
	return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}
