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

export class Alvys implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alvys',
		name: 'alvys',
		icon: { light: 'file:../../icons/alvys.svg', dark: 'file:../../icons/alvys.dark.svg' },
		group: ['transform'],
		documentationUrl: documentationUrl('alvys'),
		version: 1,
		subtitle: user.subtitle,
		description: 'Read users of the Alvys trucking TMS',
		defaults: { name: 'Alvys' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alvysApi', required: true }],
		properties: [userResource, ...user.description],
	};

	methods = { listSearch: { searchUsers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
