import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import type { AloClient } from '../../transport';
import { aUser, readUserId, unwrapUser, userIdField, userPath } from './common';

const properties: INodeProperties[] = [userIdField('The user to deactivate'), optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['deactivate'] } },
	properties,
);

/**
 * Offboarding as ĀLO recommends it: `is_active: false` blocks login but keeps the user's
 * tasks and chat history, which deleting would lose.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject> {
	const id = readUserId(this, itemIndex);
	const body = { is_active: false };
	return unwrapUser(
		await client.request(
			'POST',
			userPath(id),
			{ body },
			{ itemIndex, safety: 'idempotent', expect: aUser },
		),
	);
}
