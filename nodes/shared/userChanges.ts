import { createHash } from 'node:crypto';

/**
 * What a polling trigger remembers between polls: a short fingerprint per user id. It lives
 * in the workflow's static data (never in module memory), so any worker can run the next poll.
 */
export type UserSnapshot = Record<string, string>;

export type UserEvent =
	| 'userCreated'
	| 'userDeactivated'
	| 'userReactivated'
	| 'userUpdated'
	| 'userRemoved';

export interface UserChange<T> {
	event: UserEvent;
	id: string;
	/** The user as listed now; absent for a removed user. */
	user?: T;
}

/** How one vendor's user is read for change detection. */
export interface UserIdentity<T> {
	id: (user: T) => string;
	active: (user: T) => boolean;
	/** The part of the record whose change counts as an update (default: all of it). */
	version?: (user: T) => unknown;
}

/**
 * Compares the users listed now with the previous snapshot. A user seen for the first time
 * is created; a change of the active flag is a (de/re)activation; any other change of the
 * record is an update; an id that disappeared was removed.
 */
export function diffUsers<T>(
	users: T[],
	previous: UserSnapshot,
	identity: UserIdentity<T>,
): { changes: Array<UserChange<T>>; snapshot: UserSnapshot } {
	const snapshot: UserSnapshot = {};
	const changes: Array<UserChange<T>> = [];
	for (const user of users) {
		const id = identity.id(user);
		const active = identity.active(user);
		const print = fingerprint(identity.version ? identity.version(user) : user, active);
		snapshot[id] = print;
		const before = previous[id];
		if (before === undefined) changes.push({ event: 'userCreated', id, user });
		else if (before[0] !== print[0]) {
			changes.push({ event: active ? 'userReactivated' : 'userDeactivated', id, user });
		} else if (before !== print) changes.push({ event: 'userUpdated', id, user });
	}
	for (const id of Object.keys(previous)) {
		if (!(id in snapshot)) changes.push({ event: 'userRemoved', id });
	}
	return { changes, snapshot };
}

/** `1`/`0` for active, then a hash of the record: 13 bytes per user in static data. */
function fingerprint(version: unknown, active: boolean): string {
	const hash = createHash('sha1').update(stableJson(version)).digest('base64url').slice(0, 12);
	return `${active ? 1 : 0}${hash}`;
}

/** Key order must not make an unchanged user look updated. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`,
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
