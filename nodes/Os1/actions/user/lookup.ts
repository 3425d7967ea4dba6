import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { executeBatchedLookup } from '../../../shared/batch';
import { checkRecords, isObject } from '../../../shared/answers';
import { optionsCollection } from '../../../shared/descriptions';
import { invalidInput } from '../../../shared/errors';
import { requireId } from '../../../shared/validate';
import type { Os1Client } from '../../transport';

/** GetUserEmail and GetUserMobile take at most 10 ids per request. */
const IDS_PER_REQUEST = 10;
/**
 * OS1 documents no rate limit. 16 lookups in flight turn 1,000 input items (100 requests)
 * into 7 round trips.
 */
const CONCURRENCY = 16;

export function lookupFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'User',
			name: 'userId',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: `The user whose ${what} to get. Input items are looked up ${IDS_PER_REQUEST} to a request.`,
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
					placeholder: 'e.g. users:7d2f1c9e-4b1a-4c55-9a5e-2f0c8f7e6a11',
					hint: 'The user ID OS1 returns as "id"',
				},
				{
					displayName: 'Unique Code',
					name: 'uniqueCode',
					type: 'string',
					placeholder: 'e.g. EMP00042',
					hint: 'The unique code OS1 assigned to the user',
				},
			],
		},
		optionsCollection(),
	];
}

/**
 * `={{ $json.field }}` or `={{ $json["field"] }}`, and nothing else: the whole parameter is
 * one expression reading one top-level field of the input item.
 */
const ITEM_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"\\]*)\2\s*\])\s*\}\}$/;

/**
 * How the User of each item is read. n8n evaluates a parameter's expression once per item in
 * its expression sandbox: ~2.5 ms per item, more than the lookup requests themselves cost
 * (profiled in bench/README.md), and a batch of 1,000 items pays it 1,000 times. The usual
 * `{{ $json.id }}` only reads a field of the input item, and when that field holds a string
 * or a number the expression's value is exactly that string or number, so it is read straight
 * from the item. Any other expression, and any other value in the field (missing, null, an
 * object…), goes through n8n's evaluation as before, so the result is always n8n's.
 */
export function userIdReader(context: IExecuteFunctions): (itemIndex: number) => unknown {
	const evaluate = (itemIndex: number) =>
		context.getNodeParameter('userId', itemIndex, '', { extractValue: true });
	const field = itemFieldOf(context.getNode().parameters.userId);
	if (field === undefined) return evaluate;
	const items = context.getInputData();
	return (itemIndex) => {
		const json = items[itemIndex]?.json;
		const value =
			json && Object.prototype.hasOwnProperty.call(json, field) ? json[field] : undefined;
		if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)))
			return value;
		return evaluate(itemIndex);
	};
}

/** The field a User of exactly `{{ $json.field }}` reads, in any of the locator's modes. */
function itemFieldOf(parameter: unknown): string | undefined {
	// A workflow saved before the locator holds the expression as a plain string.
	const text = isObject(parameter) && parameter.__rl === true ? parameter.value : parameter;
	const match = typeof text === 'string' ? ITEM_FIELD.exec(text) : null;
	return match ? (match[1] ?? match[3]) : undefined;
}

/**
 * One output item per input item, found with as few requests as OS1 allows
 * (https://docs.getos1.com/retrieve-users: unknown ids are silently left out of the answer).
 */
export async function batchedLookup(
	context: IExecuteFunctions,
	client: Os1Client,
	{ path, param, what }: { path: string; param: string; what: string },
): Promise<INodeExecutionData[][]> {
	const userIdOf = userIdReader(context);
	return await executeBatchedLookup(context, {
		batchSize: IDS_PER_REQUEST,
		concurrency: CONCURRENCY,
		keyOf: (itemIndex) => {
			// OS1 looks both IDs and unique codes up in the same list, so every mode sends its value.
			const id = requireId(context.getNode(), itemIndex, 'User', userIdOf(itemIndex));
			if (id.includes(','))
				throw invalidInput(context.getNode(), itemIndex, 'User', 'enter one user per item');
			return id;
		},
		fetch: async (ids, itemIndex) => {
			// Unknown ids are left out of the answer, so "not found" is only ever concluded
			// from an answer that is really a list of users.
			const data = await client.request<IDataObject>(
				'GET',
				path,
				{ qs: { [param]: ids.join(',') } },
				{
					itemIndex,
					expect: (body) =>
						isObject(body) ? checkRecords(body.users, (user) => user.userId) : 'a list of users',
				},
			);
			const found = new Map<string, IDataObject>();
			for (const user of data.users as IDataObject[]) {
				// An id may have been given as the user id or as the unique code.
				for (const key of [user.userId, user.uniqueCode])
					if (typeof key === 'string') found.set(key, user);
			}
			return found;
		},
		notFound: (id, itemIndex) =>
			invalidInput(
				context.getNode(),
				itemIndex,
				'User',
				`OS1 returned no ${what} for "${id}": no such user, or not visible to this app`,
			),
	});
}
