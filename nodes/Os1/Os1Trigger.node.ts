import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollUserChanges, triggerOptions, userEventsProperty } from '../shared/trigger';
import { listUsers } from './actions/user/getAll.operation';
import { os1Client } from './transport';

export class Os1Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OS1 Trigger',
		name: 'os1Trigger',
		icon: { light: 'file:../../icons/os1.svg', dark: 'file:../../icons/os1.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when OS1 users appear, leave the active state (deboarding or inactive) or change',
		defaults: { name: 'OS1 Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'os1Api', required: true }],
		properties: [
			userEventsProperty(
				['userCreated', 'userDeactivated', 'userReactivated', 'userRemoved', 'userUpdated'],
				['userCreated', 'userDeactivated'],
			),
			triggerOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const client = await os1Client(this);
		// OS1 calls back only for asynchronous requests, never on user changes: poll the list.
		return await pollUserChanges(this, async () => await listUsers(client, {}), {
			id: (user) => String(user.id),
			active: (user) => String(user.state ?? '').startsWith('active'),
		});
	}
}
