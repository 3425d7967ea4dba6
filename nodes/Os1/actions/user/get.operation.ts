import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { simplifyField, simplifyIfAsked, simplifyOs1User } from '../../../shared/simplify';
import type { Os1Client } from '../../transport';
import { aUser, userLocator, userSegment } from './common';

const properties: INodeProperties[] = [
	userLocator('Whose record to read: pick from the list, or enter an ID or external reference'),
	simplifyField('os1'),
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
	const user = await client.request(
		'GET',
		userSegment(this, itemIndex),
		{},
		{ itemIndex, expect: aUser },
	);
	return simplifyIfAsked(this, itemIndex, user, simplifyOs1User);
}
