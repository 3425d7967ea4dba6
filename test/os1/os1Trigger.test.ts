import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { pollNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const os1 = useSandbox('os1', { users: 120 });

const poll = async (staticData: IDataObject, events: string[]) =>
	await pollNode(
		{ type: 'os1Trigger', credential: 'os1Api', parameters: { events } },
		{ credentials: { os1Api: os1.credentials() }, staticData },
	);

describe('OS1 Trigger', () => {
	it('emits users leaving the active state and users reactivated', async () => {
		const staticData = {};
		expect(await poll(staticData, ['userDeactivated', 'userReactivated'])).toBeNull();
		const users = os1.sandbox.state.users as Array<{ id: string; state: string }>;
		const leaver = users.find((u) => u.state.startsWith('active'))!;
		const returner = users.find((u) => u.state === 'inactive')!;
		os1.sandbox.mutate({ op: 'setState', id: leaver.id, state: 'inactive' });
		os1.sandbox.mutate({ op: 'setState', id: returner.id, state: 'active:available' });
		const items = await poll(staticData, ['userDeactivated', 'userReactivated']);
		expect(items).toHaveLength(2);
		expect(items?.map((i) => [i.json.event, i.json.id])).toEqual(
			expect.arrayContaining([
				['userDeactivated', leaver.id],
				['userReactivated', returner.id],
			]),
		);
	});
});
