import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/errors';
import { normalizePhoneNumber } from '../../../shared/phone';

/** A user as ĀLO returns it (snake_case, `first_name`/`last_name` or `name`). */
export interface AloUser extends IDataObject {
	id: string;
	login_type?: 'PHONE_NUMBER' | 'DEVICE';
	phone_number?: string;
	device_id?: string;
	first_name?: string;
	last_name?: string;
	name?: string;
	is_active?: boolean;
	role?: string;
	temp_password?: string;
}

export const ROLES = ['admin', 'supervisor', 'member', 'staff'] as const;

export const roleOptions = ROLES.map((role) => ({
	name: role.charAt(0).toUpperCase() + role.slice(1),
	value: role,
}));

/** "User" picker shared by get, update, deactivate and delete. */
export function userIdField(description: string): INodeProperties {
	return {
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'd4fa7488-7a58-4bd0-956a-9f8c5b0a87f1',
			},
		],
	};
}

/** The user id for one item, checked before anything is sent. */
export function readUserId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('userId', itemIndex, '', { extractValue: true });
	const id = String(value ?? '').trim();
	if (!id) throw invalidInput(context.getNode(), itemIndex, 'User', 'enter the ID of an ĀLO user');
	return id;
}

export function userPath(id: string): string {
	return `/users/${encodeURIComponent(id)}`;
}

/** Single-user responses are `{"user": {...}}`; a bare user object is accepted too. */
export function unwrapUser(body: unknown): AloUser {
	const data = (body ?? {}) as IDataObject;
	return (data.user && typeof data.user === 'object' ? data.user : data) as AloUser;
}

export function requirePhoneNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const phone = normalizePhoneNumber(String(value ?? ''));
	if (!phone) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			field,
			`"${String(value ?? '')}" is not a phone number in international format`,
			'Use + then the country code and number, e.g. +12125551234 (spaces, dashes and brackets are removed)',
		);
	}
	return phone;
}

export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = String(value ?? '').trim();
	if (!text) throw invalidInput(context.getNode(), itemIndex, field, 'is required');
	return text;
}

export function requireRole(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const role = String(value ?? '')
		.trim()
		.toLowerCase();
	if (!(ROLES as readonly string[]).includes(role)) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			'Role',
			`"${String(value)}" is not an ĀLO role`,
			`Use one of: ${ROLES.join(', ')}`,
		);
	}
	return role;
}
