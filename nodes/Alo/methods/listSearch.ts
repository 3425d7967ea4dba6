import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	PICKER_PAGE_SIZE,
	pickerItem,
	searchPicker,
	type PickerUser,
} from '../../shared/listSearch';
import { pageCheck, readPage } from '../../shared/pagination';
import type { AloUser } from '../actions/user/common';
import { listUsers, readAloPage } from '../actions/user/getAll.operation';
import { aloClient } from '../transport';

/**
 * Users for the "From List" picker, deactivated ones included and marked (Update can
 * reactivate them, Delete can remove them). Without a search, a page at a time; with one,
 * the whole directory is read and matched, since ĀLO cannot search by name.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await aloClient(this);
	const qs = { include_inactive: true };
	if (filter?.trim()) {
		const users = await listUsers(client, { qs });
		return { results: searchPicker(users.map(asPickerUser), filter) };
	}
	const page = Number(paginationToken ?? 1);
	const body = await client.request<unknown>(
		'GET',
		'/users',
		{ qs: { ...qs, page, per_page: PICKER_PAGE_SIZE } },
		{ expect: pageCheck(readAloPage, page === 1) },
	);
	const { items, totalPages } = readPage(readAloPage, body);
	const more = totalPages !== undefined ? page < totalPages : items.length === PICKER_PAGE_SIZE;
	return {
		results: items.map((user) => pickerItem(asPickerUser(user))),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

function asPickerUser(user: AloUser): PickerUser {
	return {
		id: user.id,
		name: user.name || [user.first_name, user.last_name].filter(Boolean).join(' ') || user.id,
		detail: user.phone_number || user.device_id || undefined,
		status: user.is_active === false ? 'deactivated' : undefined,
		alsoMatches: [user.role],
	};
}
