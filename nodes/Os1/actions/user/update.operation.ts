import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput } from '../../../shared/errors';
import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { aUser, CATEGORIES, EMPLOYMENT_TYPES, userLocatorFields, userSegment } from './common';
import { mobileNumberField, optionalFields, profileBody, readMobile } from './fields';

const properties: INodeProperties[] = [
	...userLocatorFields('The user to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				...optionalFields,
				{
					displayName: 'Category',
					name: 'category',
					type: 'options',
					options: CATEGORIES.map((value) => ({ name: value, value })),
					default: 'Regular',
				},
				{ displayName: 'Designation', name: 'designation', type: 'string', default: '' },
				{
					displayName: 'Employment Type',
					name: 'employmentType',
					type: 'options',
					options: EMPLOYMENT_TYPES.map((value) => ({ name: value, value })),
					default: 'Full-time',
				},
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
				mobileNumberField(false),
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

/** PUT {usersPath}/{id}: only the fields given are sent. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	const path = userSegment(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = profileBody(this, itemIndex, fields);
	if (fields.mobileNumber !== undefined)
		body.primaryMobile = readMobile(this, itemIndex, 'Mobile Number', fields.mobileNumber);
	if (Object.keys(body).length === 0) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			'Update Fields',
			'add at least one field to change',
		);
	}
	// A PUT of the same fields is idempotent, so it may be retried like a read.
	return await client.request('PUT', path, { body }, { itemIndex, expect: aUser });
}
