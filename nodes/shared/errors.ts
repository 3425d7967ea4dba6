import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureFacts, outcomeUnknown, type FailureFacts } from './retry';

/** What a vendor's error body says, in its own words. */
export interface VendorError {
	message?: string;
	description?: string;
	/** Vendor error code, when it has its own (e.g. OS1's 12-digit codes). */
	code?: string;
}

/** Reads one vendor's error body; returns undefined when the body is not its error shape. */
export type VendorErrorParser = (
	body: unknown,
	status: number | undefined,
) => VendorError | undefined;

/** How errors of one vendor are read and explained. */
export interface VendorErrors {
	/** The vendor as users know it, e.g. `ĀLO`. */
	name: string;
	parseError: VendorErrorParser;
	/** Advice shown as the description for a status, when the vendor gives none worth showing. */
	hints?: Partial<Record<number, string>>;
}

export interface ApiErrorContext {
	itemIndex?: number;
	/** The request changes data: an unclear failure then means "outcome unknown". */
	write?: boolean;
	/** What to check when a write's outcome is unknown. */
	checkHint?: string;
	/** Values that must never appear in an error (API keys, secrets, tokens). */
	secrets?: string[];
}

const OUTCOME_UNKNOWN = 'Outcome unknown: ';

/** Longest excerpt of a vendor's words or body that goes into an error. */
export const MAX_EXCERPT = 200;

/**
 * A success status with a body that is not the answer asked for (an HTML page, nothing,
 * `null`, a list where an object belongs). It is never taken as an answer: reads retry it,
 * writes report it as an unknown outcome.
 */
export class MalformedAnswerError extends Error {
	readonly malformed = true;

	constructor(
		readonly vendor: string,
		readonly status: number,
		expected: string,
		readonly body: unknown,
	) {
		super(`${vendor} answered ${status} without ${expected}: got ${describeBody(body)}`);
		this.name = 'MalformedAnswerError';
	}
}

/**
 * A vendor that reports errors inside a success status (OS1's envelope with `error` set):
 * shaped like an HTTP error so the vendor's message is read from it like from any other.
 */
export class VendorRefusalError extends Error {
	readonly refused = true;

	readonly response: { status: number; data: unknown };

	constructor(vendor: string, status: number, body: unknown) {
		super(`${vendor} refused the request`);
		this.name = 'VendorRefusalError';
		this.response = { status, data: body };
	}
}

/** An attempt that got no complete answer in time. */
export class AttemptTimeoutError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(
		readonly vendor: string,
		readonly timeoutMs: number,
	) {
		super(`${vendor} did not answer within ${formatSeconds(timeoutMs)}`);
		this.name = 'AttemptTimeoutError';
	}
}

/** A redirect the node does not follow: credentials never go to another origin. */
export class RedirectRefusedError extends Error {
	constructor(
		readonly vendor: string,
		readonly status: number,
		readonly location: string,
		reason: string,
	) {
		super(`${vendor} answered ${status}, a redirect to ${excerpt(location, 120)}, ${reason}`);
		this.name = 'RedirectRefusedError';
	}
}

/**
 * Turns whatever the HTTP layer threw into a `NodeApiError` that carries the vendor's own
 * message and HTTP code. Built from a plain object on purpose: the original error holds the
 * request config, auth headers included, and must not end up in execution data. Everything
 * shown is cut to a short excerpt and stripped of the credential's secrets.
 */
export function toNodeApiError(
	node: INode,
	error: unknown,
	vendor: VendorErrors,
	context: ApiErrorContext = {},
): NodeApiError {
	const secrets = context.secrets ?? [];
	const facts = failureFacts(error, Date.now());
	const body = facts.malformed ? undefined : responseBody(error);
	const parsed = body === undefined ? undefined : vendor.parseError(body, facts.status);
	const own = ownMessage(error);
	const hint = facts.status !== undefined ? vendor.hints?.[facts.status] : undefined;

	let message: string;
	if (own) message = own;
	else if (parsed?.message) message = excerpt(parsed.message);
	else if (body !== undefined && facts.status !== undefined)
		message = `${vendor.name} answered with ${describeBody(body)}`;
	else message = networkMessage(error, facts, vendor.name);

	const unknown = context.write === true && outcomeUnknown(facts);
	const description = [
		unknown ? unknownOutcomeAdvice(vendor.name, context.checkHint) : undefined,
		parsed?.description ? excerpt(parsed.description) : undefined,
		parsed?.code ? `Error code ${excerpt(parsed.code, 40)}` : undefined,
		hint,
	]
		.filter(Boolean)
		.join(' · ');

	const status = facts.status;
	const shown = `${unknown ? OUTCOME_UNKNOWN : ''}${status && !own ? `${status} ` : ''}${message}`;
	const plain: JsonObject = { message: redact(shown, secrets) };
	if (status) plain.status = status;
	// Not `code`: n8n would replace the message with its generic text for that code.
	if (facts.networkCode) plain.networkCode = facts.networkCode;
	if (unknown) plain.outcomeUnknown = true;
	const smallBody = compactBody(body);
	if (smallBody !== undefined) plain.body = redactDeep(smallBody, secrets) as JsonObject;
	return new NodeApiError(node, plain, {
		message: redact(shown, secrets),
		description: description ? redact(description, secrets) : undefined,
		httpCode: status ? String(status) : undefined,
		itemIndex: context.itemIndex,
	});
}

/** Whether a failed write may nevertheless have been applied (see `toNodeApiError`). */
export function isOutcomeUnknown(error: unknown): boolean {
	return String((error as Error | undefined)?.message ?? '').startsWith(OUTCOME_UNKNOWN);
}

/** Messages of our own errors are already written for the user. */
function ownMessage(error: unknown): string | undefined {
	for (let level = error as Error | undefined, depth = 0; level && depth < 6; depth++) {
		if (
			level instanceof MalformedAnswerError ||
			level instanceof AttemptTimeoutError ||
			level instanceof RedirectRefusedError
		)
			return level.message;
		level = (level as { cause?: Error }).cause;
	}
	return undefined;
}

/** Network codes of an answer that started and then broke off. */
const BROKEN_BODY_CODES = new Set([
	'BODY_INCOMPLETE',
	'ERR_BAD_RESPONSE',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

function networkMessage(error: unknown, facts: FailureFacts, vendor: string): string {
	if (facts.networkCode && BROKEN_BODY_CODES.has(facts.networkCode))
		return `The connection to ${vendor} broke off in the middle of its answer`;
	const raw = excerpt((error as Error | undefined)?.message ?? 'Request failed');
	return facts.networkCode && !raw.includes(facts.networkCode)
		? `${raw} (${facts.networkCode})`
		: raw;
}

function unknownOutcomeAdvice(vendor: string, checkHint?: string): string {
	return `The request may have reached ${vendor} and been applied, but no clear answer came back, so it was not repeated. ${checkHint ?? `Check the user in ${vendor} before running this item again.`}`;
}

/** The parsed response body, wherever this n8n release keeps it on the error. */
export function responseBody(error: unknown): unknown {
	let level = error as Record<string, unknown> | undefined;
	for (let depth = 0; level && typeof level === 'object' && depth < 6; depth++) {
		const response = level.response as Record<string, unknown> | undefined;
		const body = response?.data ?? response?.body;
		if (body !== undefined && body !== '') return parseMaybeJson(body);
		level = level.cause as Record<string, unknown> | undefined;
	}
	return undefined;
}

function parseMaybeJson(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** A body small enough to keep on the error for whoever debugs it; otherwise nothing. */
function compactBody(body: unknown): unknown {
	if (body === undefined || body === null || typeof body !== 'object') return undefined;
	try {
		return JSON.stringify(body).length <= 2_000 ? body : undefined;
	} catch {
		return undefined;
	}
}

/** One line of at most `max` characters. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What a body is, in words, for an error: never more than a short excerpt of it. */
export function describeBody(body: unknown): string {
	if (body === undefined || body === '') return 'an empty body';
	if (body === null) return 'JSON null';
	if (typeof body === 'string') {
		if (/^\s*</.test(body)) {
			const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
			return title ? `an HTML page ("${excerpt(title, 80)}")` : 'an HTML page';
		}
		return `text "${excerpt(body, 120)}"`;
	}
	if (Array.isArray(body)) return `a JSON list of ${body.length}`;
	if (typeof body === 'object') {
		const keys = Object.keys(body);
		return keys.length
			? `a JSON object with ${excerpt(keys.slice(0, 6).join(', '), 100)}${keys.length > 6 ? ', …' : ''}`
			: 'an empty JSON object';
	}
	return `the JSON value ${excerpt(String(body), 60)}`;
}

/** Replaces every secret (at least 4 characters long) by `***`. */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
	return out;
}

function redactDeep(value: unknown, secrets: string[]): unknown {
	if (!secrets.length) return value;
	return JSON.parse(redact(JSON.stringify(value), secrets.map(jsonEscaped))) as unknown;
}

/** A secret as it appears inside a JSON string. */
function jsonEscaped(secret: string): string {
	return JSON.stringify(secret).slice(1, -1);
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * An input mistake, raised before any request is sent. Names the field (as the user sees it)
 * and the item, so a workflow with hundreds of items points at the one to fix.
 */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}
