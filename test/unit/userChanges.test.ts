import { describe, expect, it } from 'vitest';

import { diffUsers } from '../../nodes/shared/userChanges';

interface User {
	id: string;
	active: boolean;
	name: string;
	seenAt?: string;
}
const identity = { id: (u: User) => u.id, active: (u: User) => u.active };
const events = (changes: Array<{ event: string; id: string }>) =>
	changes.map((c) => `${c.event}:${c.id}`);

describe('diffUsers', () => {
	const before = [
		{ id: 'a', active: true, name: 'Ann' },
		{ id: 'b', active: true, name: 'Bo' },
		{ id: 'c', active: false, name: 'Cy' },
		{ id: 'd', active: true, name: 'Di' },
	];
	const { snapshot } = diffUsers(before, {}, identity);

	it('reports every kind of change once', () => {
		const now = [
			{ id: 'a', active: false, name: 'Ann' },
			{ id: 'b', active: true, name: 'Bob' },
			{ id: 'c', active: true, name: 'Cy' },
			{ id: 'e', active: true, name: 'Eve' },
		];
		expect(events(diffUsers(now, snapshot, identity).changes)).toEqual([
			'userDeactivated:a',
			'userUpdated:b',
			'userReactivated:c',
			'userCreated:e',
			'userRemoved:d',
		]);
	});

	it('does not see a change in key order as an update', () => {
		const reordered = before.map(({ name, active, id }) => ({ name, active, id }));
		expect(diffUsers(reordered, snapshot, identity).changes).toEqual([]);
	});

	it('ignores fields outside the version when asked to', () => {
		const withVersion = { ...identity, version: (u: User) => u.name };
		const base = diffUsers(before, {}, withVersion).snapshot;
		const touched = before.map((u) => ({ ...u, seenAt: 'now' }));
		expect(diffUsers(touched, base, withVersion).changes).toEqual([]);
	});

	it('keeps the snapshot small: one short fingerprint per user', () => {
		expect(Object.values(snapshot).every((print) => print.length === 13)).toBe(true);
	});
});
