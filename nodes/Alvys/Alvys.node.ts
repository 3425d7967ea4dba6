import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { userResource } from '../shared/descriptions';
import { router } from './actions/router';
import * as user from './actions/user';

export class Alvys implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alvys',
		name: 'alvys',
		icon: { light: 'file:../../icons/alvys.svg', dark: 'file:../../icons/alvys.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read users of the Alvys trucking TMS',
		defaults: { name: 'Alvys' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alvysApi', required: true }],
		properties: [userResource, ...user.description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
