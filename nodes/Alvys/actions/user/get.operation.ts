import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRecords } from '../../../shared/answers';
import { optionsCollection } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/errors';
import { simplifyAlvysUser, simplifyField, simplifyIfAsked } from '../../../shared/simplify';
import { requireText } from '../../../shared/validate';
import type { AlvysClient } from '../../transport';
import { field, text, type AlvysUser } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'User',
		name: 'userId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The user to get; emails and user names match whatever their case',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a user…',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c2a9e-5d7b-4c8a-9e1f-0a2b3c4d5e6f',
				hint: 'The user ID Alvys returns as "Id"',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. nathan@example.com',
			},
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				placeholder: 'e.g. nathan.smith',
				hint: 'The name the user signs in to Alvys with',
			},
		],
	},
	simplifyField('alvys'),
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	properties,
);

/**
 * The user fields each locator mode matches on. A value picked from the list is an ID, but
 * the list mode also holds expressions and an AI agent's answer (whatever it knows of the
 * person), so it and a plain string match any of them, the ID first.
 */
const KEYS_BY_MODE: Record<string, string[]> = {
	id: ['Id'],
	email: ['Email'],
	userName: ['UserName'],
};
const ALL_KEYS = ['Id', 'Email', 'UserName'];

type Directory = Map<string, Map<string, AlvysUser>>;

/**
 * Alvys has no get-by-id endpoint, so the directory is read once per execution with
 * GET /users/list (a single request) and every input item is looked up in it.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AlvysClient,
): Promise<IDataObject> {
	const picked = this.getNodeParameter('userId', itemIndex, '') as
		| INodeParameterResourceLocator
		| string;
	const mode = typeof picked === 'object' && picked !== null ? picked.mode : undefined;
	const keys = (mode && KEYS_BY_MODE[mode]) || ALL_KEYS;
	const wanted = requireText(
		this.getNode(),
		itemIndex,
		'User',
		this.getNodeParameter('userId', itemIndex, '', { extractValue: true }),
		256,
	);
	const directory = await client.once('directory', async () =>
		indexUsers(await listAll(client, itemIndex)),
	);
	// Ids win over emails and user names if a value were ever both.
	const user = keys
		.map((key) => directory.get(key)?.get(wanted.toLowerCase()))
		.find((found) => found !== undefined);
	if (!user) {
		throw invalidInput(
			this.getNode(),
			itemIndex,
			'User',
			`no Alvys user has the ${describeKeys(keys)} "${wanted}"`,
		);
	}
	return simplifyIfAsked(this, itemIndex, user, simplifyAlvysUser);
}

function describeKeys(keys: string[]): string {
	const names: Record<string, string> = { Id: 'ID', Email: 'email', UserName: 'user name' };
	const words = keys.map((key) => names[key]);
	return words.length > 1
		? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
		: words[0];
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
	const directory: Directory = new Map();
	for (const key of ALL_KEYS) {
		const byValue = new Map<string, AlvysUser>();
		for (const user of users) {
			const value = text(user, key).trim().toLowerCase();
			if (value) byValue.set(value, user);
		}
		directory.set(key, byValue);
	}
	return directory;
}
