import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { documentationUrl, userResource } from '../shared/descriptions';
import { router } from './actions/router';
import * as user from './actions/user';
import { searchUsers } from './methods/listSearch';

export class Os1 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OS1',
		name: 'os1',
		icon: { light: 'file:../../icons/os1.svg', dark: 'file:../../icons/os1.dark.svg' },
		group: ['transform'],
		documentationUrl: documentationUrl('os1'),
		version: 1,
		subtitle: user.subtitle,
		description: 'Manage users of the OS1 logistics platform by Delhivery',
		defaults: { name: 'OS1' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'os1Api', required: true }],
		properties: [userResource, ...user.description],
	};

	methods = { listSearch: { searchUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
