import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'The Alvys API only reads users: create, change and disable them in Alvys itself',
		name: 'readOnlyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['user'] } },
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by ID, email or user name',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List or search users',
				action: 'Get many users',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
