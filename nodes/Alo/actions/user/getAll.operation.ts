import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit, splitList } from '../../../shared/descriptions';
import { fetchAllPages } from '../../../shared/pagination';
import type { AloClient } from '../../transport';
import { requirePhoneNumber, type AloUser } from './common';

const show = { resource: ['user'], operation: ['getAll'] };

/** ĀLO caps `per_page` at 100. */
const MAX_PAGE_SIZE = 100;
/**
 * Pages in flight at once after the first. ĀLO documents no rate limit; inside n8n each page
 * also costs ~8 ms of processing, and 16 in flight keep that busy while others travel.
 */
const CONCURRENCY = 16;

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
];

export const description = updateDisplayOptions({ show }, properties);

/** GET /users, every page: https://docs.alo.ai/doc/dev/alo-platform-api/api/users */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {};
	if (filters.includeInactive) qs.include_inactive = true;
	const phones = splitList(filters.phoneNumbers).map((p) =>
		requirePhoneNumber(this, itemIndex, 'Phone Numbers', p),
	);
	if (phones.length) qs['phone_number[]'] = phones;
	const devices = splitList(filters.deviceIds);
	if (devices.length) qs['device_id[]'] = devices;

	return await listUsers(client, { qs, limit, itemIndex });
}

/** Every user matching `qs` (or the first `limit`), pages after the first fetched concurrently. */
export async function listUsers(
	client: AloClient,
	{ qs = {}, limit, itemIndex }: { qs?: IDataObject; limit?: number; itemIndex?: number },
): Promise<AloUser[]> {
	return await fetchAllPages<AloUser>({
		firstPage: 1,
		maxPageSize: MAX_PAGE_SIZE,
		limit,
		concurrency: CONCURRENCY,
		idOf: (user) => user.id,
		fetchPage: async (page, perPage) => {
			const body = await client.request<AloPage>(
				'GET',
				'/users',
				{ qs: { ...qs, page, per_page: perPage } },
				{ itemIndex },
			);
			return {
				items: body.users ?? [],
				totalPages: body.total_pages,
				totalItems: body.total_count,
			};
		},
	});
}

interface AloPage {
	page?: number;
	per_page?: number;
	total_pages?: number;
	response_count?: number;
	total_count?: number;
	users?: AloUser[];
}
