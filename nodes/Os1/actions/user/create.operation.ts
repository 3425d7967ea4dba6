import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/errors';
import type { Os1Client } from '../../transport';
import { CATEGORIES, EMPLOYMENT_TYPES } from './common';
import { optionalFields, profileBody, readMobile } from './fields';

const properties: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstName', type: 'string', required: true, default: '' },
	{
		displayName: 'Designation',
		name: 'designation',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Delivery Associate',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: CATEGORIES.map((value) => ({ name: value, value })),
		default: 'Regular',
	},
	{
		displayName: 'Employment Type',
		name: 'employmentType',
		type: 'options',
		options: EMPLOYMENT_TYPES.map((value) => ({ name: value, value })),
		default: 'Full-time',
	},
	{
		displayName: 'Mobile Country Code',
		name: 'countryCode',
		type: 'string',
		required: true,
		default: '+91',
		description: '+ then 1 to 3 digits',
	},
	{
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		required: true,
		default: '',
		description: 'Digits only; spaces and dashes are removed',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

/** POST {usersPath}: https://docs.getos1.com/how-to-create-a-user */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	const node = this.getNode();
	const required = (name: string, label: string) => {
		const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
		if (!value) throw invalidInput(node, itemIndex, label, 'is required');
		return value;
	};
	const body: IDataObject = {
		firstName: required('firstName', 'First Name'),
		designation: required('designation', 'Designation'),
		category: oneOf(this, itemIndex, 'Category', required('category', 'Category'), CATEGORIES),
		employmentType: oneOf(
			this,
			itemIndex,
			'Employment Type',
			required('employmentType', 'Employment Type'),
			EMPLOYMENT_TYPES,
		),
		primaryMobile: readMobile(
			this,
			itemIndex,
			required('countryCode', 'Mobile Country Code'),
			required('mobileNumber', 'Mobile Number'),
		),
		...profileBody(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};

	// Never retried after an unclear failure: OS1 may have accepted the first attempt, and a
	// second POST would onboard the same person twice.
	const { statusCode, data } = await client.requestWithStatus<IDataObject>(
		'POST',
		'',
		{ body },
		{ itemIndex, safety: 'unsafe' },
	);
	// 202: OS1 accepted the user and creates it asynchronously; `data` may be partial.
	return { ...(data ?? {}), acceptedForProcessing: statusCode === 202 };
}

function oneOf(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: string,
	allowed: string[],
): string {
	if (!allowed.includes(value)) {
		throw invalidInput(
			context.getNode(),
			itemIndex,
			label,
			`"${value}" is not one of ${allowed.join(', ')}`,
		);
	}
	return value;
}
