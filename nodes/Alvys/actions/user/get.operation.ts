import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRecords } from '../../../shared/answers';
import { optionsCollection } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/errors';
import { requireText } from '../../../shared/validate';
import type { AlvysClient } from '../../transport';
import { field, text, type AlvysUser } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'User',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3f1c…, jane@carrier.com or jane.doe',
		description: "The user's ID, email or user name (matched exactly, ignoring case)",
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

interface Directory {
	byKey: Map<string, AlvysUser>;
}

/**
 * Alvys has no get-by-id endpoint, so the directory is read once per execution with
 * GET /users/list (a single request) and every input item is looked up in it.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AlvysClient,
): Promise<IDataObject> {
	const wanted = requireText(
		this.getNode(),
		itemIndex,
		'User',
		this.getNodeParameter('userId', itemIndex, ''),
		256,
	);
	const directory = await client.once('directory', async () =>
		indexUsers(await listAll(client, itemIndex)),
	);
	const user = directory.byKey.get(wanted.toLowerCase());
	if (!user) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			'User',
			`no Alvys user has the ID, email or user name "${wanted}"`,
		);
	}
	return user;
}

/**
 * The whole directory (a bare `UserDto[]`). Anything else is refused, not read as "nobody":
 * otherwise a broken answer would report every item as "no such user".
 */
async function listAll(client: AlvysClient, itemIndex: number): Promise<AlvysUser[]> {
	return await client.request<AlvysUser[]>('GET', '/users/list', undefined, {
		itemIndex,
		expect: (body) => checkRecords(body, (user) => field(user, 'Id')),
	});
}

function indexUsers(users: AlvysUser[]): Directory {
	const byKey = new Map<string, AlvysUser>();
	// Ids win over emails and user names if a value were ever both.
	for (const key of ['UserName', 'Email', 'Id']) {
		for (const user of users) {
			const value = text(user, key).trim().toLowerCase();
			if (value) byKey.set(value, user);
		}
	}
	return { byKey };
}
