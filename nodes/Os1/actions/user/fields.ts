import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { splitList } from '../../../shared/descriptions';
import { splitInternationalNumber } from '../../../shared/phone';
import { optionalText, requireOneOf, requirePhone } from '../../../shared/validate';
import { CATEGORIES, EMPLOYMENT_TYPES } from './common';

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

/** The optional fields set in a collection, as OS1 names them, checked as text. */
export function profileBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): IDataObject {
	const node = context.getNode();
	const body: IDataObject = {};
	const labels: Record<string, string> = {
		email: 'Email',
		lastName: 'Last Name',
		manager: 'Manager',
		middleName: 'Middle Name',
		firstName: 'First Name',
		designation: 'Designation',
	};
	for (const [key, label] of Object.entries(labels)) {
		const value = optionalText(node, itemIndex, label, fields[key]);
		if (value !== undefined) body[key] = value;
	}
	if (fields.category !== undefined && fields.category !== '')
		body.category = requireOneOf(node, itemIndex, 'Category', fields.category, CATEGORIES);
	if (fields.employmentType !== undefined && fields.employmentType !== '')
		body.employmentType = requireOneOf(
			node,
			itemIndex,
			'Employment Type',
			fields.employmentType,
			EMPLOYMENT_TYPES,
		);
	if (fields.workLocations !== undefined) body.workLocations = splitList(fields.workLocations);
	return body;
}

/**
 * OS1 stores `{countryCode, number}`; people type one international number, so it is
 * split here after the shared phone check (`+91 98765 43210` → `+91`, `9876543210`).
 */
export function readMobile(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): IDataObject {
	const e164 = requirePhone(context.getNode(), itemIndex, field, value);
	const parts = splitInternationalNumber(e164)!;
	return { countryCode: parts.countryCode, number: parts.number };
}

/** The single international number field of create and update. */
export function mobileNumberField(required: boolean): INodeProperties {
	return {
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		required,
		default: '',
		placeholder: '+91 98765 43210',
		description:
			'International format: + then the country code and number. Spaces, dashes and brackets are removed; OS1 receives the country code and number separately.',
	};
}
