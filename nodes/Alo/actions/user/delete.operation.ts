import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { anObjectOrNothing } from '../../../shared/answers';
import { optionsCollection } from '../../../shared/descriptions';
import type { AloClient } from '../../transport';
import { readUserId, unwrapUser, userIdField, userPath } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'ĀLO recommends Deactivate instead: deleting a user with tasks or chat history removes that history too',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	userIdField('The user to delete'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['delete'] } },
	properties,
);

/** DELETE /users/{user_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject> {
	const id = readUserId(this, itemIndex);
	// Not retried after an unclear failure: if the first attempt went through, a retry would
	// report "not found" for a user that was in fact deleted. ĀLO may answer with the user,
	// an empty object or no body at all; anything else (an HTML page) is not a confirmation.
	const body = await client.request(
		'DELETE',
		userPath(id),
		{},
		{
			itemIndex,
			safety: 'unsafe',
			expect: anObjectOrNothing,
			checkHint: 'Get the user in ĀLO: a 404 means the deletion went through.',
		},
	);
	return { ...unwrapUser(body ?? {}), id, deleted: true };
}
