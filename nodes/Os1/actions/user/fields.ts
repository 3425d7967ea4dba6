import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitList } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/errors';
import { COUNTRY_CODE } from './common';

/** Profile fields OS1 accepts on create and update besides the required ones. */
export const optionalFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Manager',
		name: 'manager',
		type: 'string',
		default: '',
		description: 'User ID of the manager',
	},
	{ displayName: 'Middle Name', name: 'middleName', type: 'string', default: '' },
	{
		displayName: 'Work Locations',
		name: 'workLocations',
		type: 'string',
		default: '',
		description: 'Comma-separated work location IDs',
	},
];

/** The optional fields set in a collection, as OS1 names them. */
export function profileBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of [
		'email',
		'lastName',
		'manager',
		'middleName',
		'firstName',
		'designation',
		'category',
		'employmentType',
	]) {
		const value = fields[key];
		if (value !== undefined && value !== '')
			body[key] = typeof value === 'string' ? value.trim() : value;
	}
	if (fields.workLocations !== undefined) body.workLocations = splitList(fields.workLocations);
	return body;
}

/** `{countryCode, number}` checked the way OS1 checks it, before anything is sent. */
export function readMobile(
	context: IExecuteFunctions,
	itemIndex: number,
	countryCode: string,
	number: string,
): IDataObject {
	const code = countryCode.replace(/\s/g, '');
	if (!COUNTRY_CODE.test(code)) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			'Mobile Country Code',
			`"${countryCode}" is not + followed by 1 to 3 digits`,
		);
	}
	const digits = number.replace(/[\s\-().]/g, '');
	if (!/^\d{4,15}$/.test(digits)) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			'Mobile Number',
			`"${number}" is not a phone number (4 to 15 digits)`,
		);
	}
	return { countryCode: code, number: digits };
}
