import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import type { AloClient } from '../../transport';
import { requireOneOf, requirePhone, requireText } from '../../../shared/validate';
import { aUser, requireRole, roleOptions, unwrapUser } from './common';

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
	optionsCollection(),
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
	const node = this.getNode();
	const param = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const loginType = requireOneOf(node, itemIndex, 'Login Type', param('loginType'), [
		'PHONE_NUMBER',
		'DEVICE',
	]);
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { login_type: loginType };

	if (loginType === 'PHONE_NUMBER') {
		body.first_name = requireText(node, itemIndex, 'First Name', param('firstName'));
		body.last_name = requireText(node, itemIndex, 'Last Name', param('lastName'));
		body.phone_number = requirePhone(node, itemIndex, 'Phone Number', param('phoneNumber'));
		if (extra.sendInvitation !== undefined) body.send_invitation = extra.sendInvitation === true;
	} else {
		body.name = requireText(node, itemIndex, 'Name', param('name'));
		body.device_id = requireText(node, itemIndex, 'Device ID', param('deviceId'));
	}
	if (extra.role !== undefined) body.role = requireRole(this, itemIndex, extra.role);
	if (extra.isActive !== undefined) body.is_active = extra.isActive !== false;

	// Not repeated after an unclear failure (timeout, dropped connection, 5xx): had the first
	// attempt created the user, a repeat would find them and the answer would no longer carry
	// the new user's temporary password, so the outcome is reported as unknown instead.
	const user = unwrapUser(
		await client.request(
			'POST',
			'/users',
			{ body },
			{
				itemIndex,
				safety: 'unsafe',
				expect: aUser,
				checkHint: `Look for ${loginType === 'PHONE_NUMBER' ? `the phone number ${String(body.phone_number)}` : `the device ID ${String(body.device_id)}`} with Get Many before creating the user again.`,
			},
		),
	);
	if (loginType !== 'PHONE_NUMBER') return user;
	// ĀLO returns a temporary password only for a brand-new phone user; without one, an
	// existing ĀLO user (kept with their own name) was added to the team.
	return { ...user, existingUserAddedToTeam: user.temp_password === undefined };
}
