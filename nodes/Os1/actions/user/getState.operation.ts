import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { aState, userLocatorFields, userSegment } from './common';

const properties: INodeProperties[] = [
	...userLocatorFields('The user whose lifecycle state to read'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getState'] } },
	properties,
);

/** GET {usersPath}/{id}/state: https://docs.getos1.com/how-to-change-state-of-a-user */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	return await client.request(
		'GET',
		`${userSegment(this, itemIndex)}/state`,
		{},
		{ itemIndex, expect: aState },
	);
}
