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

export class Alo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ĀLO',
		name: 'alo',
		icon: { light: 'file:../../icons/alo.svg', dark: 'file:../../icons/alo.dark.svg' },
		group: ['transform'],
		documentationUrl: documentationUrl('alo'),
		version: 1,
		subtitle: user.subtitle,
		description: 'Manage users of the ĀLO frontline team communication platform',
		defaults: { name: 'ĀLO' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'aloApi', required: true }],
		properties: [userResource, ...user.description],
	};

	methods = { listSearch: { searchUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
