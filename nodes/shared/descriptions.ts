import type { INodeProperties } from 'n8n-workflow';

/**
 * The Return All / Limit pair every "Get Many" operation shows, worded as n8n's lint expects.
 * Wrap it with `updateDisplayOptions` like the operation's other fields.
 */
export function returnAllAndLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** Splits a comma- or newline-separated list typed by a user into trimmed, non-empty values. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value))
		return value
			.map(String)
			.map((v) => v.trim())
			.filter(Boolean);
	if (typeof value !== 'string' && typeof value !== 'number') return [];
	return String(value)
		.split(/[,\n]/)
		.map((v) => v.trim())
		.filter(Boolean);
}

/** The Resource picker of every node here: the User resource is the one these APIs share. */
export const userResource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'User', value: 'user' }],
	default: 'user',
};

/** Options › Timeout: how long one attempt may wait for an answer (read by the request session). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: 30,
	description:
		'Seconds to wait for each answer. A read without an answer in time is tried again, for at most three times this long in all; a write is not repeated and reports that its outcome is unknown.',
};

/** The Options collection of an operation: its own options plus Timeout, alphabetically. */
export function optionsCollection(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, timeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
