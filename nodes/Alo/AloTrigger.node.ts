import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollUserChanges, triggerOptions, userEventsProperty } from '../shared/trigger';
import { listUsers } from './actions/user/getAll.operation';
import { aloClient } from './transport';

export class AloTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ĀLO Trigger',
		name: 'aloTrigger',
		icon: { light: 'file:../../icons/alo.svg', dark: 'file:../../icons/alo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when ĀLO users are created, deactivated or changed',
		defaults: { name: 'ĀLO Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aloApi', required: true }],
		properties: [
			userEventsProperty(
				['userCreated', 'userDeactivated', 'userReactivated', 'userRemoved', 'userUpdated'],
				['userCreated', 'userDeactivated'],
			),
			triggerOptions,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const client = await aloClient(this);
		// Inactive users are listed too, or a deactivation would look like a removal.
		return await pollUserChanges(
			this,
			async () => await listUsers(client, { qs: { include_inactive: true } }),
			{
				id: (user) => user.id,
				active: (user) => user.is_active !== false,
			},
		);
	}
}
