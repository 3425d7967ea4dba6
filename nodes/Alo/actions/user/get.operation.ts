import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import type { AloClient } from '../../transport';
import { aUser, readUserId, unwrapUser, userIdField, userPath } from './common';

const properties: INodeProperties[] = [userIdField('The user to retrieve'), optionsCollection()];

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
	return unwrapUser(await client.request('GET', userPath(id), {}, { itemIndex, expect: aUser }));
}
