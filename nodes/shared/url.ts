import { isDotSegment } from './validate';

/**
 * The one place paths are built from ids: `urlPath\`/users/${id}/state\`` encodes every
 * interpolated value as a single path segment (`/`, `?`, `#`, `%` and the rest escaped) and
 * refuses `.` and `..`, which a URL parser would resolve to another endpoint even encoded.
 * Inputs are checked earlier with a message for the user; this is the last line of defence.
 */
export function urlPath(parts: TemplateStringsArray, ...segments: Array<string | number>): string {
	let path = parts[0];
	segments.forEach((segment, index) => {
		const text = String(segment);
		if (text === '' || isDotSegment(text)) {
			throw new RangeError(`Refusing to build a URL with the path segment "${text}"`);
		}
		path += encodeURIComponent(text) + parts[index + 1];
	});
	return path;
}
