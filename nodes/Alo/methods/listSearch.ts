import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pageCheck, readPage } from '../../shared/pagination';
import type { AloUser } from '../actions/user/common';
import { readAloPage } from '../actions/user/getAll.operation';
import { aloClient } from '../transport';

/**
 * Users for the "From List" picker, a page at a time. ĀLO has no name search, so the filter
 * is matched locally against name, phone number and device ID on each page.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1);
	const client = await aloClient(this);
	const body = await client.request<unknown>(
		'GET',
		'/users',
		{ qs: { page, per_page: 100 } },
		{ expect: pageCheck(readAloPage, page === 1) },
	);
	const { items, totalPages } = readPage(readAloPage, body);
	const needle = filter?.trim().toLowerCase();
	const results = items
		.map((user) => ({ name: displayName(user), value: user.id }))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle));
	const more = totalPages !== undefined ? page < totalPages : items.length > 0;
	return { results, paginationToken: more ? String(page + 1) : undefined };
}

function displayName(user: AloUser): string {
	const name = user.name || [user.first_name, user.last_name].filter(Boolean).join(' ') || user.id;
	const login = user.phone_number || user.device_id;
	return login ? `${name} (${login})` : name;
}
