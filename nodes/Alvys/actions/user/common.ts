import type { IDataObject } from 'n8n-workflow';

/** A user as Alvys returns it: PascalCase per its OpenAPI spec, camelCase accepted too. */
export type AlvysUser = IDataObject;

/** Reads a field in either casing (`Id` or `id`). */
export function field(user: AlvysUser, pascalName: string): unknown {
	return user[pascalName] ?? user[pascalName.charAt(0).toLowerCase() + pascalName.slice(1)];
}

export const text = (user: AlvysUser, pascalName: string): string =>
	String(field(user, pascalName) ?? '');

/** Alvys statuses (spec: Active, Disabled, Deleted). */
export const STATUSES = ['Active', 'Disabled', 'Deleted'];

/** Roles in Alvys' spec; the list may grow, so other values are accepted as typed. */
export const ROLES = [
	'Admin',
	'Biller',
	'DataEntry',
	'Dispatcher',
	'Driver',
	'Safety',
	'SalesAgent',
];
