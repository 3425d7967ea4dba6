import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';

import { diffUsers, type UserEvent, type UserIdentity, type UserSnapshot } from './userChanges';

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

interface NodeState {
	snapshot?: UserSnapshot;
}

/**
 * One poll of a user trigger: list every user, compare with the snapshot kept in the
 * workflow's static data, emit one item per change the user asked for. The first poll is a
 * baseline. "Fetch Test Event" shows current changes, or a sample user when there are none.
 */
export async function pollUserChanges<T extends IDataObject>(
	context: IPollFunctions,
	listUsers: () => Promise<T[]>,
	identity: UserIdentity<T>,
): Promise<INodeExecutionData[][] | null> {
	const wanted = new Set(context.getNodeParameter('events', []) as UserEvent[]);
	const state = context.getWorkflowStaticData('node') as NodeState;
	const manual = context.getMode() === 'manual';
	const users = await listUsers();
	const { changes, snapshot } = diffUsers(users, state.snapshot ?? {}, identity);
	const isBaseline = state.snapshot === undefined;
	state.snapshot = snapshot;

	const items = isBaseline
		? []
		: changes
				.filter((change) => wanted.has(change.event))
				.map((change) => ({ event: change.event, ...(change.user ?? { id: change.id }) }));
	if (manual && items.length === 0 && users.length > 0) {
		return [
			context.helpers.returnJsonArray([{ event: 'userCreated', ...users[users.length - 1] }]),
		];
	}
	return items.length ? [context.helpers.returnJsonArray(items)] : null;
}
