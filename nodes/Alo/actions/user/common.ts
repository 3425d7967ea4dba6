import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isObject, type AnswerCheck } from '../../../shared/answers';
import { urlPath } from '../../../shared/url';
import { requireId, requireOneOf } from '../../../shared/validate';

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
	return requireId(context.getNode(), itemIndex, 'User', value);
}

export function userPath(id: string): string {
	return urlPath`/users/${id}`;
}

/** Single-user responses are `{"user": {...}}`; a bare user object is accepted too. */
export function unwrapUser(body: unknown): AloUser {
	return (isObject(body) && isObject(body.user) ? body.user : body) as AloUser;
}

/** A single-user answer: the user (wrapped or bare) with an ID, never `{}` or a page. */
export const aUser: AnswerCheck = (body) => {
	const user = unwrapUser(body);
	return isObject(user) && typeof user.id === 'string' && user.id !== ''
		? undefined
		: 'a user with an ID';
};

export function requireRole(context: IExecuteFunctions, itemIndex: number, value: unknown): string {
	const role = String(value ?? '')
		.trim()
		.toLowerCase();
	return requireOneOf(context.getNode(), itemIndex, 'Role', role, ROLES);
}
