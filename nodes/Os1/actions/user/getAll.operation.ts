import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRecords, isCount, isObject } from '../../../shared/answers';
import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { fetchAllPages, pageCheck, readPage, type Page } from '../../../shared/pagination';
import { optionalText, readLimit } from '../../../shared/validate';
import type { Os1Client } from '../../transport';

/** OS1 documents no maximum `size`; 100 keeps responses small. */
const PAGE_SIZE = 100;
/** OS1 documents no rate limit; a moderate fan-out. */
const CONCURRENCY = 6;

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	optionsCollection([
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Filter passed to OS1 as is (its query syntax)',
		},
		{
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			placeholder: 'name,email,state',
			description: 'Comma-separated fields to return (the ID is always returned)',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'string',
			default: '',
			description: 'Passed to OS1 as sortBy',
		},
		{
			displayName: 'Sort Key',
			name: 'sortKey',
			type: 'string',
			default: '',
			description: 'Passed to OS1 as sortKey',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

/** ListUsers, every page (from 1): https://docs.getos1.com/retrieve-users */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll
		? undefined
		: readLimit(node, itemIndex, this.getNodeParameter('limit', itemIndex));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const labels: Record<string, string> = {
		query: 'Query',
		select: 'Select',
		sortBy: 'Sort By',
		sortKey: 'Sort Key',
	};
	const qs: IDataObject = {};
	for (const [key, label] of Object.entries(labels)) {
		const value = optionalText(node, itemIndex, label, options[key], 2_000);
		if (value) qs[key] = value;
	}
	return await listUsers(client, { qs, limit, itemIndex });
}

export async function listUsers(
	client: Os1Client,
	{ qs = {}, limit, itemIndex }: { qs?: IDataObject; limit?: number; itemIndex?: number },
): Promise<IDataObject[]> {
	return await fetchAllPages<IDataObject>({
		firstPage: 1,
		maxPageSize: PAGE_SIZE,
		limit,
		concurrency: CONCURRENCY,
		idOf: (user) => user.id as string | undefined,
		fetchPage: async (page, size) => {
			const data = await client.request<unknown>(
				'GET',
				'',
				{ qs: { ...qs, page, size } },
				{ itemIndex, expect: pageCheck(readOs1Page, page === 1) },
			);
			return readPage(readOs1Page, data);
		},
	});
}

/**
 * `{users, meta: {totalElements, size}}` as assumed; `participants` or a bare array
 * tolerated. Without a total, the end of the list is an empty page.
 */
export function readOs1Page(data: unknown): Page<IDataObject> | string {
	const body: IDataObject = Array.isArray(data) ? { users: data } : isObject(data) ? data : {};
	if (!Array.isArray(data) && !isObject(data)) return 'a page of users';
	const items = body.users ?? body.participants;
	const problem = checkRecords(items, (user) => user.id);
	if (problem) return problem;
	const meta = isObject(body.meta) ? body.meta : {};
	for (const key of ['totalElements', 'size']) {
		if (meta[key] !== undefined && meta[key] !== null && !isCount(meta[key]))
			return `a page of users (its meta.${key} is not a whole number)`;
	}
	return {
		items: items as IDataObject[],
		totalItems: isCount(meta.totalElements) ? (meta.totalElements as number) : undefined,
		pageSize: isCount(meta.size) && (meta.size as number) > 0 ? (meta.size as number) : undefined,
	};
}
