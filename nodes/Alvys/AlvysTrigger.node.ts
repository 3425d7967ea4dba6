import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollUserChanges, triggerOptions, userEventsProperty } from '../shared/trigger';
import { text } from './actions/user/common';
import { searchUsers } from './actions/user/getAll.operation';
import { alvysClient } from './transport';

export class AlvysTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alvys Trigger',
		name: 'alvysTrigger',
		icon: { light: 'file:../../icons/alvys.svg', dark: 'file:../../icons/alvys.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Alvys users appear, stop being Active (disabled or deleted) or change',
		defaults: { name: 'Alvys Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alvysApi', required: true }],
		properties: [
			userEventsProperty(
				['userCreated', 'userDeactivated', 'userReactivated', 'userRemoved', 'userUpdated'],
				['userDeactivated'],
			),
			triggerOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const client = await alvysClient(this);
		// Alvys sends no user webhooks, so every poll reads the directory (within 10 req/s).
		return await pollUserChanges(this, async () => await searchUsers(client, {}), {
			id: (user) => text(user, 'Id'),
			active: (user) => text(user, 'Status').toLowerCase() === 'active',
		});
	}
}
