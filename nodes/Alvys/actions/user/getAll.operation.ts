import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRecords, isCount, isObject } from '../../../shared/answers';
import { optionsCollection, returnAllAndLimit, splitList } from '../../../shared/descriptions';
import { fetchAllPages, pageCheck, readPage, type Page } from '../../../shared/pagination';
import { optionalText, readLimit } from '../../../shared/validate';
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
	optionsCollection(),
];

export const description = updateDisplayOptions({ show }, properties);

/** POST /users/search, every page: https://docs.alvys.com/reference/post_api-p-v-version-users-search */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AlvysClient,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll
		? undefined
		: readLimit(node, itemIndex, this.getNodeParameter('limit', itemIndex));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const statuses = new Set(splitList(filters.status).map((s) => s.toLowerCase()));
	const roles = new Set(splitList(filters.role).map((r) => r.toLowerCase()));
	const local = statuses.size > 0 || roles.size > 0;

	return await searchUsers(client, {
		keyword: optionalText(node, itemIndex, 'Keyword', filters.keyword),
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
			const body = await client.request<unknown>(
				'POST',
				'/users/search',
				{ page, pageSize, ...(options.keyword ? { keyword: options.keyword } : {}) },
				{
					itemIndex: options.itemIndex,
					changesData: false,
					expect: pageCheck(readAlvysPage, page === 0),
				},
			);
			return readPage(readAlvysPage, body);
		},
	});
}

/** `PagedResponse`: `{Page, PageSize, Total, Items}` in PascalCase or camelCase. */
export function readAlvysPage(body: unknown): Page<AlvysUser> | string {
	if (!isObject(body)) return 'a page of users';
	const items = field(body, 'Items');
	const problem = checkRecords(items, (user) => field(user, 'Id'));
	if (problem) return problem;
	const total = field(body, 'Total');
	const size = field(body, 'PageSize');
	for (const [name, value] of [
		['Total', total],
		['PageSize', size],
	] as const) {
		if (value !== undefined && value !== null && !isCount(value))
			return `a page of users (its ${name} is not a whole number)`;
	}
	return {
		items: items as AlvysUser[],
		totalItems: isCount(total) ? (total as number) : undefined,
		pageSize: isCount(size) && (size as number) > 0 ? (size as number) : undefined,
	};
}
