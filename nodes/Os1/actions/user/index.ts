import type { INodeProperties } from 'n8n-workflow';

import * as changeState from './changeState.operation';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getEmail from './getEmail.operation';
import * as getMobile from './getMobile.operation';
import * as getState from './getState.operation';
import * as update from './update.operation';

export { changeState, create, deactivate, get, getAll, getEmail, getMobile, getState, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Change State',
				value: 'changeState',
				description: 'Move a user to another lifecycle state',
				action: 'Change the state of a user',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Onboard a new user (OS1 may finish it asynchronously)',
				action: 'Create a user',
			},
			{
				name: 'Deactivate',
				value: 'deactivate',
				description: 'Offboard a user: move them to the inactive state',
				action: 'Deactivate a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by ID or external reference',
				action: 'Get a user',
			},
			{
				name: 'Get Email',
				value: 'getEmail',
				description: "Get users' emails, 10 per request",
				action: 'Get the email of a user',
			},
			{ name: 'Get Many', value: 'getAll', description: 'List users', action: 'Get many users' },
			{
				name: 'Get Mobile',
				value: 'getMobile',
				description: "Get users' mobile numbers, 10 per request",
				action: 'Get the mobile number of a user',
			},
			{
				name: 'Get State',
				value: 'getState',
				description: "Get a user's lifecycle state",
				action: 'Get the state of a user',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update a user's profile",
				action: 'Update a user',
			},
		],
		default: 'getAll',
	},
	...changeState.description,
	...create.description,
	...deactivate.description,
	...get.description,
	...getAll.description,
	...getEmail.description,
	...getMobile.description,
	...getState.description,
	...update.description,
];
