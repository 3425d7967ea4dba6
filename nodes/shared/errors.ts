import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failureFacts } from './retry';

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

export interface ApiErrorContext {
	itemIndex?: number;
	/** Advice shown as the description for a status, when the vendor gives none worth showing. */
	hints?: Partial<Record<number, string>>;
}

/**
 * Turns whatever the HTTP layer threw into a `NodeApiError` that carries the vendor's own
 * message and HTTP code. Built from a plain object on purpose: the original error holds the
 * request config, auth headers included, and must not end up in execution data.
 */
export function toNodeApiError(
	node: INode,
	error: unknown,
	parse: VendorErrorParser,
	context: ApiErrorContext = {},
): NodeApiError {
	const facts = failureFacts(error, Date.now());
	const body = responseBody(error);
	const vendor = body === undefined ? undefined : parse(body, facts.status);
	const fallback = (error as Error | undefined)?.message ?? 'Request failed';
	const hint = facts.status !== undefined ? context.hints?.[facts.status] : undefined;
	const message =
		vendor?.message ?? (facts.networkCode ? `${fallback} (${facts.networkCode})` : fallback);
	const description = [
		vendor?.description,
		vendor?.code ? `Error code ${vendor.code}` : undefined,
		hint,
	]
		.filter(Boolean)
		.join(' · ');
	const plain: JsonObject = { message, ...(facts.status ? { status: facts.status } : {}) };
	if (body !== undefined) plain.body = body as JsonObject;
	return new NodeApiError(node, plain, {
		message: facts.status ? `${facts.status} ${message}` : message,
		description: description || undefined,
		httpCode: facts.status ? String(facts.status) : undefined,
		itemIndex: context.itemIndex,
	});
}

/** The parsed response body, wherever this n8n release keeps it on the error. */
export function responseBody(error: unknown): unknown {
	let level = error as Record<string, unknown> | undefined;
	for (let depth = 0; level && typeof level === 'object' && depth < 5; depth++) {
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
