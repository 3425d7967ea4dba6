import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { optionsCollection } from './descriptions';
import { guardLosses, safeguardOptions, type HeldState } from './safeguard';
import {
	diffUsers,
	type UserChange,
	type UserEvent,
	type UserIdentity,
	type UserSnapshot,
} from './userChanges';

const EVENT_OPTIONS: Record<UserEvent, { name: string; description: string }> = {
	userCreated: { name: 'User Created', description: 'A user appears for the first time' },
	userDeactivated: { name: 'User Deactivated', description: 'An active user becomes inactive' },
	userReactivated: {
		name: 'User Reactivated',
		description: 'An inactive user becomes active again',
	},
	userRemoved: { name: 'User Removed', description: 'A user is no longer listed (deleted)' },
	userUpdated: { name: 'User Updated', description: 'Any other change to a user' },
};

/** The "Events" picker of a user polling trigger, limited to what the vendor can show. */
export function userEventsProperty(events: UserEvent[], defaults: UserEvent[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [...defaults],
		description:
			'Which changes start the workflow. The first poll only records the current users, so activating the workflow never replays the whole directory.',
		options: events
			.map((value) => ({ value, ...EVENT_OPTIONS[value] }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** A user trigger's Options: the mass-removal safeguard and the request timeout. */
export const triggerOptions: INodeProperties = optionsCollection(safeguardOptions);

interface NodeState extends HeldState {
	snapshot?: UserSnapshot;
}

/**
 * One poll of a user trigger: list every user, compare with the snapshot kept in the
 * workflow's static data, emit one item per change the user asked for.
 *
 * - The first poll is a silent baseline.
 * - A listing that fails, or an answer that is not a list of users, throws before anything
 *   is compared: no event, and the snapshot stays as it was.
 * - More removals and deactivations at once than the safeguard allows are held: the poll
 *   fails with an explanation and a release code, emits nothing and keeps the snapshot.
 * - "Fetch Test Event" (manual mode) never changes what the trigger remembers: it shows
 *   real changes of the selected events since the last poll, or one sample marked as such.
 */
export async function pollUserChanges<T extends IDataObject>(
	context: IPollFunctions,
	listUsers: () => Promise<T[]>,
	identity: UserIdentity<T>,
): Promise<INodeExecutionData[][] | null> {
	const wanted = context.getNodeParameter('events', []) as UserEvent[];
	const state = context.getWorkflowStaticData('node') as NodeState;
	const users = await listUsers();
	const previous = state.snapshot;
	const { changes, snapshot } = diffUsers(users, previous ?? {}, identity);

	if (context.getMode() === 'manual') {
		return [
			context.helpers.returnJsonArray(testEvents(wanted, previous && changes, users, identity)),
		];
	}
	if (previous === undefined) {
		state.snapshot = snapshot;
		return null;
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	guardLosses(context.getNode(), state, changes, Object.keys(previous).length, options);

	state.snapshot = snapshot;
	const selected = new Set(wanted);
	const items = changes.filter((change) => selected.has(change.event)).map(toItem);
	return items.length ? [context.helpers.returnJsonArray(items)] : null;
}

function toItem<T extends IDataObject>(change: UserChange<T>): IDataObject {
	return { event: change.event, ...(change.user ?? { id: change.id }) };
}

/**
 * What "Fetch Test Event" shows: the real changes of the selected events since the last
 * poll, or else one sample of the first selected event, built from a real user and marked
 * `sample: true`. Never an event the user did not select.
 */
function testEvents<T extends IDataObject>(
	wanted: UserEvent[],
	changes: Array<UserChange<T>> | undefined,
	users: T[],
	identity: UserIdentity<T>,
): IDataObject[] {
	const selected = new Set(wanted);
	const real = (changes ?? []).filter((change) => selected.has(change.event)).map(toItem);
	if (real.length) return real;
	const event = wanted[0] ?? 'userCreated';
	const user = users[users.length - 1];
	if (!user) return [{ event, sample: true }];
	return event === 'userRemoved'
		? [{ event, id: identity.id(user), sample: true }]
		: [{ event, ...user, sample: true }];
}
