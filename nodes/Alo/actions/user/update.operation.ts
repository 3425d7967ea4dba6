import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/errors';
import { requirePhone, requireText } from '../../../shared/validate';
import { optionsCollection } from '../../../shared/descriptions';
import type { AloClient } from '../../transport';
import {
	aUser,
	readUserId,
	requireRole,
	roleOptions,
	unwrapUser,
	userIdField,
	userPath,
} from './common';

const properties: INodeProperties[] = [
	userIdField('The user to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Device ID', name: 'deviceId', type: 'string', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether the user can log in',
			},
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of a device user',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+12125551234',
				description: 'International format: + then country code and number',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: roleOptions,
				default: 'member',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

/** POST /users/{user_id} with the fields to change. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject> {
	const node = this.getNode();
	const id = readUserId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.firstName !== undefined)
		body.first_name = requireText(node, itemIndex, 'First Name', fields.firstName);
	if (fields.lastName !== undefined)
		body.last_name = requireText(node, itemIndex, 'Last Name', fields.lastName);
	if (fields.name !== undefined) body.name = requireText(node, itemIndex, 'Name', fields.name);
	if (fields.phoneNumber !== undefined)
		body.phone_number = requirePhone(node, itemIndex, 'Phone Number', fields.phoneNumber);
	if (fields.deviceId !== undefined)
		body.device_id = requireText(node, itemIndex, 'Device ID', fields.deviceId);
	if (fields.role !== undefined) body.role = requireRole(this, itemIndex, fields.role);
	if (fields.isActive !== undefined) body.is_active = fields.isActive !== false;
	if (Object.keys(body).length === 0) {
		throw invalidInput(node, itemIndex, 'Update Fields', 'add at least one field to change');
	}
	// Sending the same values twice leaves the same user, so this is safe to retry.
	return unwrapUser(
		await client.request(
			'POST',
			userPath(id),
			{ body },
			{ itemIndex, safety: 'idempotent', expect: aUser },
		),
	);
}
