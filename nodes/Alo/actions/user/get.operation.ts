import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { simplifyAloUser, simplifyField, simplifyIfAsked } from '../../../shared/simplify';
import type { AloClient } from '../../transport';
import { aUser, readUserId, unwrapUser, userIdField, userPath } from './common';

const properties: INodeProperties[] = [
	userIdField('Whose record to read: pick from the list or enter an ID'),
	simplifyField('alo'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

/** GET /users/{user_id} */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject> {
	const id = readUserId(this, itemIndex);
	const user = unwrapUser(
		await client.request('GET', userPath(id), {}, { itemIndex, expect: aUser }),
	);
	return simplifyIfAsked(this, itemIndex, user, simplifyAloUser);
}
