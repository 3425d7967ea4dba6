import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { pollNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const alvys = useSandbox('alvys', { users: 250 });

const poll = async (staticData: IDataObject, events: string[]) =>
	await pollNode(
		{ type: 'alvysTrigger', credential: 'alvysApi', parameters: { events } },
		{ credentials: { alvysApi: alvys.credentials() }, staticData },
	);

describe('Alvys Trigger', () => {
	it('emits a user who stopped being Active, once, after a silent baseline', async () => {
		const staticData = {};
		expect(await poll(staticData, ['userDeactivated'])).toBeNull();
		const leaver = alvys.sandbox.state.users.find((u: { Status: string }) => u.Status === 'Active');
		alvys.sandbox.mutate({ op: 'setStatus', status: 'Disabled', id: leaver.Id });
		const items = await poll(staticData, ['userDeactivated']);
		expect(items?.map((i) => [i.json.event, i.json.Id, i.json.Status])).toEqual([
			['userDeactivated', leaver.Id, 'Disabled'],
		]);
		expect(await poll(staticData, ['userDeactivated'])).toBeNull();
		// Every poll reads the whole directory, and only through the search endpoint.
		expect(alvys.sandbox.requests({ path: '/api/p/v1/users/search' }).length).toBe(9);
	});
});
