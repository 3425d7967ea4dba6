import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { AloClient } from '../../transport';
import { requirePhoneNumber, requireRole, requireText, roleOptions, unwrapUser } from './common';

const phone = { loginType: ['PHONE_NUMBER'] };
const device = { loginType: ['DEVICE'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Login Type',
		name: 'loginType',
		type: 'options',
		options: [
			{
				name: 'Phone Number',
				value: 'PHONE_NUMBER',
				description: 'Signs in with phone number, password and a second factor',
			},
			{ name: 'Device', value: 'DEVICE', description: 'Signs in on one registered device' },
		],
		default: 'PHONE_NUMBER',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: phone },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: phone },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+12125551234',
		description:
			'International format: + then country code and number. Spaces, dashes and brackets are removed.',
		displayOptions: { show: phone },
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Dock 4 tablet',
		description: 'Name of the device user',
		displayOptions: { show: device },
	},
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		required: true,
		default: '',
		description: 'The device ID shown in the ĀLO app on the device',
		displayOptions: { show: device },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether the user can log in',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: roleOptions,
				default: 'member',
			},
			{
				displayName: 'Send Invitation',
				name: 'sendInvitation',
				type: 'boolean',
				default: false,
				description: 'Whether to text the new user an invitation (phone-number users only)',
				displayOptions: { show: { '/loginType': ['PHONE_NUMBER'] } },
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

/** POST /users: https://docs.alo.ai/doc/dev/alo-platform-api/api/users */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject> {
	const loginType = this.getNodeParameter('loginType', itemIndex) as 'PHONE_NUMBER' | 'DEVICE';
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { login_type: loginType };

	if (loginType === 'PHONE_NUMBER') {
		body.first_name = requireText(
			this,
			itemIndex,
			'First Name',
			this.getNodeParameter('firstName', itemIndex),
		);
		body.last_name = requireText(
			this,
			itemIndex,
			'Last Name',
			this.getNodeParameter('lastName', itemIndex),
		);
		body.phone_number = requirePhoneNumber(
			this,
			itemIndex,
			'Phone Number',
			this.getNodeParameter('phoneNumber', itemIndex),
		);
		if (extra.sendInvitation !== undefined) body.send_invitation = extra.sendInvitation;
	} else {
		body.name = requireText(this, itemIndex, 'Name', this.getNodeParameter('name', itemIndex));
		body.device_id = requireText(
			this,
			itemIndex,
			'Device ID',
			this.getNodeParameter('deviceId', itemIndex),
		);
	}
	if (extra.role !== undefined) body.role = requireRole(this, itemIndex, extra.role);
	if (extra.isActive !== undefined) body.is_active = extra.isActive;

	// Safe to retry: ĀLO documents that creating a user whose phone number or device ID
	// already exists adds that user to the team instead of creating a second one.
	const user = unwrapUser(
		await client.request('POST', '/users', { body }, { itemIndex, safety: 'idempotent' }),
	);
	if (loginType !== 'PHONE_NUMBER') return user;
	// ĀLO returns a temporary password only for a brand-new phone user; without one, an
	// existing ĀLO user (kept with their own name) was added to the team.
	return { ...user, existingUserAddedToTeam: user.temp_password === undefined };
}
