import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { pollNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alo = useSandbox('alo', { users: 230 });

const trigger = (events: string[]) => ({
	type: 'aloTrigger',
	credential: 'aloApi',
	parameters: { events },
});
const poll = async (staticData: IDataObject, events: string[], mode?: 'manual') =>
	await pollNode(trigger(events), { credentials: { aloApi: alo.credentials() }, staticData, mode });

const ALL = ['userCreated', 'userDeactivated', 'userReactivated', 'userRemoved', 'userUpdated'];

describe('ĀLO Trigger', () => {
	it('records a baseline on the first poll, then emits only what changed', async () => {
		const staticData = {};
		expect(await poll(staticData, ALL)).toBeNull();
		expect(await poll(staticData, ALL)).toBeNull();

		const [leaver, renamed, removed] = alo.sandbox.state.users.filter(
			(u: { is_active: boolean; login_type: string }) =>
				u.is_active && u.login_type === 'PHONE_NUMBER',
		);
		alo.sandbox.mutate({ op: 'deactivate', id: leaver.id });
		alo.sandbox.mutate({ op: 'rename', id: renamed.id, first_name: 'New', last_name: 'Name' });
		alo.sandbox.mutate({ op: 'delete', id: removed.id });
		const items = await poll(staticData, ALL);
		expect(items?.map((i) => [i.json.event, i.json.id])).toEqual(
			expect.arrayContaining([
				['userDeactivated', leaver.id],
				['userUpdated', renamed.id],
				['userRemoved', removed.id],
			]),
		);
		expect(items).toHaveLength(3);
		expect(items?.find((i) => i.json.id === leaver.id)?.json.is_active).toBe(false);
		expect(await poll(staticData, ALL)).toBeNull();
	});

	it('emits only the events chosen', async () => {
		const staticData = {};
		await poll(staticData, ['userCreated']);
		const [leaver] = alo.sandbox.state.users.filter((u: { is_active: boolean }) => u.is_active);
		alo.sandbox.mutate({ op: 'deactivate', id: leaver.id });
		expect(await poll(staticData, ['userCreated'])).toBeNull();
	});

	it('sees users created through the API', async () => {
		const staticData = {};
		await poll(staticData, ['userCreated']);
		const res = await fetch(`${alo.sandbox.url}/v1/users`, {
			method: 'POST',
			headers: { authorization: 'Bearer alo-sandbox-key', 'content-type': 'application/json' },
			body: JSON.stringify({ login_type: 'DEVICE', name: 'Gate 2', device_id: 'gate-2' }),
		});
		const { user } = (await res.json()) as { user: { id: string } };
		const items = await poll(staticData, ['userCreated']);
		expect(items?.map((i) => [i.json.event, i.json.id])).toEqual([['userCreated', user.id]]);
	});

	it('returns a sample user for "Fetch Test Event" when nothing changed', async () => {
		const items = await poll({}, ['userCreated'], 'manual');
		expect(items).toHaveLength(1);
		expect(items?.[0].json.id).toEqual(expect.any(String));
	});

	it('lists every page, inactive users included', async () => {
		await poll({}, ALL);
		const query = alo.sandbox
			.requests({ path: '/v1/users' })
			.map((r) => new URLSearchParams(r.query));
		expect(query.map((q) => q.get('page')).sort()).toEqual(['1', '2', '3']);
		expect(query.every((q) => q.get('include_inactive') === 'true')).toBe(true);
	});
});
