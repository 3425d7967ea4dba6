import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deactivate, deleteUser as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a phone-number or device user',
				action: 'Create a user',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description:
					'Block a user from logging in, keeping their history (recommended offboarding)',
				action: 'Deactivate a user',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a user', action: 'Delete a user' },
			{ name: 'Get', value: 'get', description: 'Get a user', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'List users', action: 'Get many users' },
			{ name: 'Update', value: 'update', description: 'Update a user', action: 'Update a user' },
		],
		default: 'getAll',
	},
	...create.description,
	...deactivate.description,
	...deleteUser.description,
	...get.description,
	...getAll.description,
	...update.description,
];
