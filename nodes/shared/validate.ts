import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidInput } from './errors';
import { splitInternationalNumber } from './phone';

/**
 * Input checks every operation shares. Each one runs before any request is sent and fails
 * with a `NodeOperationError` naming the field (as the user sees it) and the item.
 */

/** Longest ID accepted: vendor ids are UUIDs or short codes, never kilobytes. */
const MAX_ID_LENGTH = 256;
/** Longest free text accepted in one field (names, designations, keywords). */
const MAX_TEXT_LENGTH = 1_000;

/** What a value looks like in an error message: quoted, one line, never more than 60 chars. */
export function quote(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = value;
	else if (value === undefined || value === null) text = String(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	const oneLine = text.replace(/\p{Cc}+/gu, ' ');
	return `"${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}"`;
}

/** A required text field: trimmed, not empty, not absurdly long. */
export function requireText(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength = MAX_TEXT_LENGTH,
): string {
	if (value !== undefined && value !== null && typeof value === 'object') {
		throw invalidInput(node, itemIndex, field, `expects text, got ${quote(value)}`);
	}
	const text = String(value ?? '').trim();
	if (!text) throw invalidInput(node, itemIndex, field, 'is required');
	if (text.length > maxLength) {
		throw invalidInput(
			node,
			itemIndex,
			field,
			`is ${text.length} characters long; at most ${maxLength} are accepted`,
		);
	}
	return text;
}

/** Optional text: undefined when empty, otherwise checked like `requireText`. */
export function optionalText(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	maxLength = MAX_TEXT_LENGTH,
): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return requireText(node, itemIndex, field, value, maxLength);
}

/**
 * An ID that will become a URL path segment. `.` and `..` are refused: a URL parser
 * resolves them (encoded or not), so `/users/..` would address another endpoint.
 */
export function requireId(node: INode, itemIndex: number, field: string, value: unknown): string {
	const id = requireText(node, itemIndex, field, value, MAX_ID_LENGTH);
	if (isDotSegment(id)) {
		throw invalidInput(node, itemIndex, field, `${quote(id)} is not an ID`);
	}
	if (/\p{Cc}/u.test(id)) {
		throw invalidInput(node, itemIndex, field, `${quote(id)} contains control characters`);
	}
	return id;
}

/** `.`/`..` in any spelling a URL parser treats as a dot segment (`%2e` included). */
export function isDotSegment(value: string): boolean {
	return /^(\.|%2e){1,2}$/i.test(value);
}

/**
 * The Limit of a Get Many: a whole number from 1 (to `max` when the API caps it). n8n's
 * editor enforces the minimum, but an expression can still produce 0, -1, 2.5 or NaN.
 */
export function readLimit(node: INode, itemIndex: number, value: unknown, max?: number): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw invalidInput(
			node,
			itemIndex,
			'Limit',
			`${quote(value)} is not a whole number of at least 1`,
			'Turn on Return All to get every user',
		);
	}
	if (max !== undefined && limit > max) {
		throw invalidInput(node, itemIndex, 'Limit', `${limit} is above the maximum of ${max}`);
	}
	return limit;
}

/** One of a fixed set of values (case-sensitive, as the API expects them). */
export function requireOneOf<T extends string>(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	const text = String(value ?? '').trim();
	if (!(allowed as readonly string[]).includes(text)) {
		throw invalidInput(
			node,
			itemIndex,
			field,
			`${quote(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return text as T;
}

/**
 * A phone number in international format, returned as E.164 (`+` and digits). People type
 * spaces, dashes, dots and brackets; they are removed first.
 */
export function requirePhone(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const parts =
		typeof value === 'string' || typeof value === 'number'
			? splitInternationalNumber(String(value))
			: undefined;
	if (!parts) {
		throw invalidInput(
			node,
			itemIndex,
			field,
			`${quote(value)} is not a phone number in international format`,
			'Use + then the country code and number, e.g. +12125551234 or +91 98765 43210 (spaces, dashes and brackets are removed)',
		);
	}
	return `${parts.countryCode}${parts.number}`;
}

/** JSON typed into a field: an object, or a string that parses to one. */
export function requireJsonObject(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): Record<string, unknown> {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalidInput(node, itemIndex, field, 'is not valid JSON');
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw invalidInput(node, itemIndex, field, 'must be a JSON object, e.g. {"key": "value"}');
	}
	return parsed as Record<string, unknown>;
}

/**
 * An address typed into a credential (base URL, token URL): an absolute http(s) URL without
 * spaces, returned without a trailing slash. Checked before the first request so a typo reads
 * as a typo, not as axios' "Invalid URL" or "protocol mismatch".
 */
export function requireHttpUrl(
	node: INode,
	credential: string,
	field: string,
	value: unknown,
): string {
	const text = String(value ?? '').trim();
	const fail = (problem: string) =>
		new NodeOperationError(node, `${credential} credential › ${field}: ${problem}`, {
			description: `Open the credential and enter the full address, e.g. https://api.example.com`,
		});
	if (!text) throw fail('is empty');
	if (/\s/.test(text)) throw fail(`${quote(text)} contains spaces`);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fail(`${quote(text)} is not a full address (it needs https:// in front)`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(`${quote(text)} uses ${url.protocol.slice(0, -1)}; only http and https are allowed`);
	}
	if (url.username || url.password) throw fail('must not contain a user name or password');
	return text.replace(/\/+$/, '');
}
