import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizePhoneNumber } from './phone';

/**
 * "Simplify" on Get and Get Many: one compact shape for a user, whichever system it came
 * from, so workflows can join ĀLO, Alvys and OS1 people without knowing each vendor's fields.
 *
 * Common to every vendor, always present (`null` when the system has no value):
 * - `id`: the user's ID in that system (what Get, Update and Deactivate take)
 * - `name`: the full name (ĀLO and OS1 join first and last names when there is no `name`)
 * - `email`: lower-cased, or `null`
 * - `phone`: E.164 (`+` and digits) when it reads as one, else as the system stored it
 * - `active`: whether the user can work in that system now
 *
 * Then each vendor's own few fields, listed in `SIMPLIFIED_EXTRAS`.
 */
export interface SimplifiedUser {
	[field: string]: string | boolean | null;
	id: string;
	name: string | null;
	email: string | null;
	phone: string | null;
	active: boolean;
}

/** The vendor-specific fields a simplified user carries after the common five. */
export const SIMPLIFIED_EXTRAS = {
	alo: ['loginType', 'deviceId', 'role'],
	alvys: ['userName', 'role', 'status'],
	os1: ['state', 'userCode', 'uniqueCode'],
} as const;

export type Vendor = keyof typeof SIMPLIFIED_EXTRAS;

const COMMON = ['id', 'name', 'email', 'phone', 'active'];

/** The Simplify toggle, naming exactly the fields it keeps for this vendor. */
export function simplifyField(vendor: Vendor): INodeProperties {
	const fields = [...COMMON, ...SIMPLIFIED_EXTRAS[vendor]];
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only ${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}, the same first five fields for ĀLO, Alvys and OS1, instead of the full record`,
	};
}

export interface SimplifiedAloUser extends SimplifiedUser {
	loginType: string | null;
	deviceId: string | null;
	role: string | null;
}

export interface SimplifiedAlvysUser extends SimplifiedUser {
	userName: string | null;
	role: string | null;
	status: string | null;
}

export interface SimplifiedOs1User extends SimplifiedUser {
	state: string | null;
	userCode: string | null;
	uniqueCode: string | null;
}

type Mapper = (user: IDataObject) => SimplifiedUser;

/**
 * What Get and Get Many return: the vendor's records as they are, or simplified when the
 * item's Simplify toggle is on.
 */
export function simplifyIfAsked(
	context: IExecuteFunctions,
	itemIndex: number,
	result: IDataObject[],
	map: Mapper,
): IDataObject[];
export function simplifyIfAsked(
	context: IExecuteFunctions,
	itemIndex: number,
	result: IDataObject,
	map: Mapper,
): IDataObject;
export function simplifyIfAsked(
	context: IExecuteFunctions,
	itemIndex: number,
	result: IDataObject | IDataObject[],
	map: Mapper,
): IDataObject | IDataObject[] {
	if (context.getNodeParameter('simplify', itemIndex, false) !== true) return result;
	return Array.isArray(result) ? result.map(map) : map(result);
}

function text(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function fullName(...parts: unknown[]): string | null {
	return text(
		parts
			.map(text)
			.filter((part) => part !== null)
			.join(' '),
	);
}

function email(value: unknown): string | null {
	return text(value)?.toLowerCase() ?? null;
}

function phone(value: unknown): string | null {
	const raw = text(value);
	return raw === null ? null : (normalizePhoneNumber(raw) ?? raw);
}

/** ĀLO: snake_case; phone-number users have first/last names, device users a `name`. */
export const simplifyAloUser = (user: IDataObject): SimplifiedAloUser => ({
	id: String(user.id),
	name: text(user.name) ?? fullName(user.first_name, user.last_name),
	email: email(user.email),
	phone: phone(user.phone_number),
	active: user.is_active !== false,
	loginType: text(user.login_type),
	deviceId: text(user.device_id),
	role: text(user.role),
});

/** Alvys: PascalCase per its spec, camelCase accepted; only `Active` users can work. */
export const simplifyAlvysUser = (user: IDataObject): SimplifiedAlvysUser => {
	const field = (pascal: string) =>
		user[pascal] ?? user[pascal.charAt(0).toLowerCase() + pascal.slice(1)];
	const status = text(field('Status'));
	return {
		id: String(field('Id')),
		name: text(field('Name')),
		email: email(field('Email')),
		phone: phone(field('Phone')),
		active: status?.toLowerCase() === 'active',
		userName: text(field('UserName')),
		role: text(field('Role')),
		status,
	};
};

/** OS1: the mobile number is `{countryCode, number}`; `active:*` states are active. */
export const simplifyOs1User = (user: IDataObject): SimplifiedOs1User => {
	const mobile = (user.primaryMobile ?? {}) as IDataObject;
	const number = text(mobile.number);
	const state = text(user.state);
	return {
		id: String(user.id),
		name: text(user.name) ?? fullName(user.firstName, user.middleName, user.lastName),
		email: email(user.email),
		phone: number === null ? null : phone(`${text(mobile.countryCode) ?? ''}${number}`),
		active: state?.split(':')[0] === 'active',
		state,
		userCode: text(user.userCode),
		uniqueCode: text(user.uniqueCode),
	};
};
