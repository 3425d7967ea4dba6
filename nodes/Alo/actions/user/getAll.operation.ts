import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkRecords, isCount, isObject } from '../../../shared/answers';
import { optionsCollection, returnAllAndLimit, splitList } from '../../../shared/descriptions';
import { fetchAllPages, pageCheck, readPage, type Page } from '../../../shared/pagination';
import { readLimit, requirePhone, requireText } from '../../../shared/validate';
import type { AloClient } from '../../transport';
import type { AloUser } from './common';

const show = { resource: ['user'], operation: ['getAll'] };

/** ĀLO caps `per_page` at 100. */
const MAX_PAGE_SIZE = 100;
/**
 * Pages in flight at once after the first. ĀLO documents no rate limit; inside n8n each page
 * also costs ~8 ms of processing, and 16 in flight keep that busy while others travel.
 */
const CONCURRENCY = 16;
/** Filter values sent in one request: about 3.5 KB of query string, far below URL limits. */
const FILTER_VALUES_PER_REQUEST = 100;

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
				displayName: 'Device IDs',
				name: 'deviceIds',
				type: 'string',
				default: '',
				placeholder: 'device-1, device-2',
				description: 'Only users logging in with one of these device IDs (comma-separated)',
			},
			{
				displayName: 'Include Inactive',
				name: 'includeInactive',
				type: 'boolean',
				default: false,
				description: 'Whether to include deactivated users',
			},
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumbers',
				type: 'string',
				default: '',
				placeholder: '+12125551234, +447700900123',
				description:
					'Only users with one of these phone numbers (comma-separated, international format). Combined with Device IDs, a user must match both.',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show }, properties);

/** GET /users, every page: https://docs.alo.ai/doc/dev/alo-platform-api/api/users */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll
		? undefined
		: readLimit(node, itemIndex, this.getNodeParameter('limit', itemIndex));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	if (filters.includeInactive === true) qs.include_inactive = true;
	const phones = splitList(filters.phoneNumbers).map((phone) =>
		requirePhone(node, itemIndex, 'Phone Numbers', phone),
	);
	const devices = splitList(filters.deviceIds).map((device) =>
		requireText(node, itemIndex, 'Device IDs', device, 256),
	);
	if (phones.length + devices.length <= FILTER_VALUES_PER_REQUEST) {
		if (phones.length) qs['phone_number[]'] = phones;
		if (devices.length) qs['device_id[]'] = devices;
		return await listUsers(client, { qs, limit, itemIndex });
	}
	return await listInChunks(client, { qs, limit, itemIndex }, phones, devices);
}

/**
 * Every user matching `qs` (or the first `limit`, or those `accept` keeps), pages after the
 * first fetched concurrently.
 */
export async function listUsers(
	client: AloClient,
	{
		qs = {},
		limit,
		itemIndex,
		accept,
	}: { qs?: IDataObject; limit?: number; itemIndex?: number; accept?: (user: AloUser) => boolean },
): Promise<AloUser[]> {
	return await fetchAllPages<AloUser>({
		firstPage: 1,
		maxPageSize: MAX_PAGE_SIZE,
		limit,
		accept,
		concurrency: CONCURRENCY,
		idOf: (user) => user.id,
		fetchPage: async (page, perPage) => {
			const body = await client.request<unknown>(
				'GET',
				'/users',
				{ qs: { ...qs, page, per_page: perPage } },
				{ itemIndex, expect: pageCheck(readAloPage, page === 1) },
			);
			return readPage(readAloPage, body);
		},
	});
}

/**
 * Thousands of filter values do not fit in one URL (servers refuse long ones with 431). The
 * longer list is sent in chunks, one listing each, and the other one is applied locally.
 */
async function listInChunks(
	client: AloClient,
	{ qs, limit, itemIndex }: { qs: IDataObject; limit?: number; itemIndex: number },
	phones: string[],
	devices: string[],
): Promise<AloUser[]> {
	const byPhone = phones.length > 0;
	const sent = byPhone ? phones : devices;
	const local = new Set(byPhone ? devices : []);
	const accept = local.size ? (user: AloUser) => local.has(String(user.device_id)) : undefined;
	const seen = new Set<string>();
	const users: AloUser[] = [];
	for (let start = 0; start < sent.length; start += FILTER_VALUES_PER_REQUEST) {
		const chunk = sent.slice(start, start + FILTER_VALUES_PER_REQUEST);
		const remaining = limit === undefined ? undefined : limit - users.length;
		const found = await listUsers(client, {
			qs: { ...qs, [byPhone ? 'phone_number[]' : 'device_id[]']: chunk },
			limit: remaining,
			itemIndex,
			accept,
		});
		for (const user of found) {
			if (seen.has(user.id)) continue;
			seen.add(user.id);
			users.push(user);
		}
		if (limit !== undefined && users.length >= limit) break;
	}
	return users;
}

/** `{users, page, per_page, total_pages, total_count}`; totals and size are optional. */
export function readAloPage(body: unknown): Page<AloUser> | string {
	if (!isObject(body)) return 'a page of users';
	const problem = checkRecords(body.users, (user) => user.id);
	if (problem) return problem;
	for (const key of ['total_pages', 'total_count', 'per_page']) {
		if (body[key] !== undefined && body[key] !== null && !isCount(body[key]))
			return `a page of users (its ${key} is not a whole number)`;
	}
	const count = (key: string) => (isCount(body[key]) ? (body[key] as number) : undefined);
	const perPage = count('per_page');
	return {
		items: body.users as AloUser[],
		totalPages: count('total_pages'),
		totalItems: count('total_count'),
		pageSize: perPage && perPage > 0 ? perPage : undefined,
	};
}
