import type { INodeProperties } from 'n8n-workflow';

import { operationSubtitle } from '../../../shared/descriptions';

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

/** The canvas subtitle: what the node does, as a person reads it. */
export const subtitle = operationSubtitle({
	changeState: 'Change user state',
	create: 'Create user',
	deactivate: 'Deactivate user',
	get: 'Get user',
	getAll: 'Get many users',
	getEmail: 'Get user emails',
	getMobile: 'Get user mobile numbers',
	getState: 'Get user state',
	update: 'Update user',
});

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		// Sorted by name, and each `action` sorts the same way, so the node panel lists them in
		// alphabetical order. Each `action` is also the sentence an AI agent reads for this tool.
		options: [
			{
				name: 'Change State',
				value: 'changeState',
				description: 'Move a user to another lifecycle state',
				action: 'Change the lifecycle state of a user',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Onboard a new user (OS1 may finish it asynchronously)',
				action: 'Create a user with a name and mobile number',
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
				description: 'Read one user, by ID or external reference',
				action: 'Get a user by identifier or external reference',
			},
			{
				name: 'Get Email',
				value: 'getEmail',
				description: "Read users' email addresses, 10 users per request",
				action: 'Get email addresses of users',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List users, one item per user',
				action: 'Get many users',
			},
			{
				name: 'Get Mobile',
				value: 'getMobile',
				description: "Read users' mobile numbers, 10 users per request",
				action: 'Get mobile numbers of users',
			},
			{
				name: 'Get State',
				value: 'getState',
				description: "Read a user's lifecycle state",
				action: 'Get the lifecycle state of a user',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a user's profile",
				action: 'Update the profile of a user',
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
