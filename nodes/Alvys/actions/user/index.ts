import type { INodeProperties } from 'n8n-workflow';

import { operationSubtitle } from '../../../shared/descriptions';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

/** The canvas subtitle: what the node does, as a person reads it. */
export const subtitle = operationSubtitle({ get: 'Get user', getAll: 'Get many users' });

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
			// Each `action` is also the sentence an AI agent reads for this tool.
			{
				name: 'Get',
				value: 'get',
				description: 'Read one user, picked from the list or by ID, email or user name',
				action: 'Get a user by identifier or email or user name',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List or search users, one item per user',
				action: 'Get many users',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
