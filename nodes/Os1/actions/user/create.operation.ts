import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isObject } from '../../../shared/answers';
import { requireOneOf, requireText } from '../../../shared/validate';
import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { CATEGORIES, EMPLOYMENT_TYPES } from './common';
import { mobileNumberField, optionalFields, profileBody, readMobile } from './fields';

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
	mobileNumberField(true),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalFields,
	},
	optionsCollection(),
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
	const param = (name: string) => this.getNodeParameter(name, itemIndex, '');
	const body: IDataObject = {
		...profileBody(
			this,
			itemIndex,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		),
		firstName: requireText(node, itemIndex, 'First Name', param('firstName')),
		designation: requireText(node, itemIndex, 'Designation', param('designation')),
		category: requireOneOf(node, itemIndex, 'Category', param('category'), CATEGORIES),
		employmentType: requireOneOf(
			node,
			itemIndex,
			'Employment Type',
			param('employmentType'),
			EMPLOYMENT_TYPES,
		),
		primaryMobile: readMobile(this, itemIndex, 'Mobile Number', param('mobileNumber')),
	};

	// Never retried after an unclear failure: OS1 may have accepted the first attempt, and a
	// second POST would onboard the same person twice.
	const { statusCode, data } = await client.requestWithStatus<IDataObject>(
		'POST',
		'',
		{ body },
		{
			itemIndex,
			safety: 'unsafe',
			// 202: accepted for asynchronous creation; `data` may be partial or missing.
			dataOptional: true,
			expect: (data, status) => (status === 202 || isObject(data) ? undefined : 'the new user'),
			checkHint: `Search OS1 for the mobile number ${String((body.primaryMobile as IDataObject).countryCode)} ${String((body.primaryMobile as IDataObject).number)} (Get Many with a query) before creating the user again.`,
		},
	);
	return { ...(isObject(data) ? data : {}), acceptedForProcessing: statusCode === 202 };
}
