import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, splitList } from '../../../shared/descriptions';
import { fetchAllPages } from '../../../shared/pagination';
import type { AlvysClient } from '../../transport';
import { ROLES, STATUSES, field, text, type AlvysUser } from './common';

const show = { resource: ['user'], operation: ['getAll'] };

/** Alvys documents no maximum page size; its own examples and public clients use 100. */
const PAGE_SIZE = 100;
/** Enough pages in flight to use the whole 10 requests/second budget at ~1 s latency. */
const CONCURRENCY = 10;

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				description: 'Search text sent to Alvys (matches names, user names and emails)',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'multiOptions',
				options: ROLES.map((role) => ({ name: role, value: role })),
				default: [],
				description:
					'Only users with one of these roles. Alvys cannot filter by role, so users are filtered after they are read.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				description:
					'Only users in one of these statuses. Alvys cannot filter by status, so users are filtered after they are read.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

/** POST /users/search, every page: https://docs.alvys.com/reference/post_api-p-v-version-users-search */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AlvysClient,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const statuses = new Set(splitList(filters.status).map((s) => s.toLowerCase()));
	const roles = new Set(splitList(filters.role).map((r) => r.toLowerCase()));
	const local = statuses.size > 0 || roles.size > 0;

	return await searchUsers(client, {
		keyword: String(filters.keyword ?? '').trim(),
		limit,
		itemIndex,
		accept: local
			? (user) =>
					(statuses.size === 0 || statuses.has(text(user, 'Status').toLowerCase())) &&
					(roles.size === 0 || roles.has(text(user, 'Role').toLowerCase()))
			: undefined,
	});
}

/** Every user matching `keyword` (and `accept`), pages after the first fetched concurrently. */
export async function searchUsers(
	client: AlvysClient,
	options: {
		keyword?: string;
		limit?: number;
		itemIndex?: number;
		accept?: (user: AlvysUser) => boolean;
	},
): Promise<AlvysUser[]> {
	return await fetchAllPages<AlvysUser>({
		firstPage: 0,
		maxPageSize: PAGE_SIZE,
		limit: options.limit,
		accept: options.accept,
		concurrency: CONCURRENCY,
		idOf: (user) => text(user, 'Id') || undefined,
		fetchPage: async (page, pageSize) => {
			const body = await client.request<IDataObject>(
				'POST',
				'/users/search',
				{ page, pageSize, ...(options.keyword ? { keyword: options.keyword } : {}) },
				{ itemIndex: options.itemIndex },
			);
			const items = (field(body, 'Items') as AlvysUser[] | undefined) ?? [];
			const total = field(body, 'Total');
			return { items, totalItems: typeof total === 'number' ? total : undefined, pageSize };
		},
	});
}
