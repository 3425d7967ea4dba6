import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { aUser, userLocatorFields, userSegment } from './common';

const properties: INodeProperties[] = [
	...userLocatorFields('The user to retrieve'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

/** GetUser, by id or external ref: https://docs.getos1.com/retrieve-users */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	return await client.request(
		'GET',
		userSegment(this, itemIndex),
		{},
		{ itemIndex, expect: aUser },
	);
}
