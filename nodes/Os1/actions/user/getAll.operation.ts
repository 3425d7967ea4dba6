import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { fetchAllPages } from '../../../shared/pagination';
import type { Os1Client } from '../../transport';

/** OS1 documents no maximum `size`; 100 keeps responses small. */
const PAGE_SIZE = 100;
/** OS1 documents no rate limit; a moderate fan-out. */
const CONCURRENCY = 6;

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
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
		],
	},
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
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of ['query', 'select', 'sortBy', 'sortKey']) {
		const value = String(options[key] ?? '').trim();
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
				{ itemIndex },
			);
			return readPage(data);
		},
	});
}

/** `{users, meta: {totalElements}}` as assumed; `participants` or a bare array tolerated. */
function readPage(data: unknown) {
	if (Array.isArray(data)) return { items: data as IDataObject[] };
	const body = (data ?? {}) as IDataObject;
	const items = (body.users ?? body.participants ?? []) as IDataObject[];
	const total = (body.meta as IDataObject | undefined)?.totalElements;
	return { items, totalItems: typeof total === 'number' ? total : undefined };
}
