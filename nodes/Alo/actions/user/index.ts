import type { INodeProperties } from 'n8n-workflow';

import { operationSubtitle } from '../../../shared/descriptions';

import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteUser from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deactivate, deleteUser as delete, get, getAll, update };

/** The canvas subtitle: what the node does, as a person reads it. */
export const subtitle = operationSubtitle({
	create: 'Create user',
	deactivate: 'Deactivate user',
	delete: 'Delete user',
	get: 'Get user',
	getAll: 'Get many users',
	update: 'Update user',
});

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		// Each `action` is also the sentence an AI agent reads for this tool: it says what to give.
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a user who signs in with a phone number or on one device',
				action: 'Create a user with a phone number or a device',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description:
					'Block a user from logging in, keeping their tasks and chats (recommended offboarding)',
				action: 'Deactivate a user and keep their history',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove a user and their tasks and chat history for good',
				action: 'Delete a user and their history',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read one user',
				action: 'Get a user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List users, one item per user',
				action: 'Get many users',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a user's name, phone number, device, role or status",
				action: 'Update a user',
			},
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
