import { createHash } from 'node:crypto';

import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UserChange } from './userChanges';

/**
 * The mass-removal safeguard of the user triggers. Triggers feed offboarding: one answer
 * that lists far fewer users than before (a key that lost its scope, a vendor incident
 * answering an empty list) must not deactivate the company everywhere else. Like Entra
 * Connect's deletion threshold, such a poll is held until a person confirms it.
 */

/** Defaults: a poll may report up to the larger of 10 users and 20 % of the known users. */
export const DEFAULT_MAX_REMOVALS = 10;
export const DEFAULT_MAX_REMOVAL_PERCENT = 20;

export const safeguardOptions: INodeProperties[] = [
	{
		displayName: 'Safeguard',
		name: 'safeguard',
		type: 'boolean',
		default: true,
		description:
			'Whether to hold a poll that would report many users as removed or deactivated at once, until you confirm the change',
	},
	{
		displayName: 'Safeguard Max Removals',
		name: 'maxRemovals',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_MAX_REMOVALS,
		description:
			'Removals and deactivations one poll may report before it is held. The limit is the larger of this and Safeguard Max Removals (%).',
	},
	{
		displayName: 'Safeguard Max Removals (%)',
		name: 'maxRemovalPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: DEFAULT_MAX_REMOVAL_PERCENT,
		description: 'The same limit as a share of the users the trigger knew before the poll',
	},
	{
		displayName: 'Release Held Change',
		name: 'releaseCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 7F3A-29C1',
		description:
			"The code from a held poll's error. The next poll then reports exactly that change, once; a different change is still held.",
	},
];

/** What the safeguard remembers in the workflow's static data. */
export interface HeldState {
	/** The release code last used, so one code releases one change once. */
	released?: string;
}

/**
 * Throws (emitting nothing, keeping the snapshot) when a poll's removals and deactivations
 * exceed the safeguard, unless the user released exactly this change with its code.
 */
export function guardLosses<T>(
	node: INode,
	state: HeldState,
	changes: Array<UserChange<T>>,
	known: number,
	options: IDataObject,
): void {
	if (options.safeguard === false) return;
	const losses = changes.filter((c) => c.event === 'userRemoved' || c.event === 'userDeactivated');
	const maxCount = numberOr(options.maxRemovals, DEFAULT_MAX_REMOVALS);
	const maxPercent = numberOr(options.maxRemovalPercent, DEFAULT_MAX_REMOVAL_PERCENT);
	const limit = Math.max(maxCount, (known * maxPercent) / 100);
	if (losses.length <= limit) return;

	const code = releaseCodeOf(losses);
	const entered = String(options.releaseCode ?? '')
		.trim()
		.toUpperCase();
	if (entered === code && state.released !== code) {
		state.released = code;
		return;
	}
	const share = known ? Math.round((losses.length / known) * 100) : 100;
	const mismatch =
		entered && entered !== code
			? ` The release code entered (${entered.slice(0, 20)}) is for a different change, or was already used.`
			: '';
	throw new NodeOperationError(
		node,
		`Held: this poll would report ${losses.length} of the ${known} users the trigger knew (${share} %) as removed or deactivated, more than the safeguard allows (the larger of ${maxCount} users and ${maxPercent} %). Nothing was emitted and the trigger still remembers every user as before.${mismatch}`,
		{
			description: `If the change is real, enter ${code} in Options › Release Held Change: the next poll reports exactly these changes, once. If it is not (an API key that lost access, a vendor outage, a changed filter), fix the cause: the trigger carries on by itself once the users are listed as before.`,
		},
	);
}

/** A short code naming exactly which users would be reported removed or deactivated. */
export function releaseCodeOf<T>(losses: Array<UserChange<T>>): string {
	const lines = losses.map((c) => `${c.event}:${c.id}`).sort();
	const hex = createHash('sha256').update(lines.join('\n')).digest('hex').toUpperCase();
	return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

function numberOr(value: unknown, fallback: number): number {
	const number = Number(value);
	return value === undefined || value === '' || !Number.isFinite(number) || number < 0
		? fallback
		: number;
}
