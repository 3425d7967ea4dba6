import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	PICKER_PAGE_SIZE,
	pickerItem,
	searchPicker,
	type PickerUser,
} from '../../shared/listSearch';
import { pageCheck, readPage } from '../../shared/pagination';
import { simplifyOs1User } from '../../shared/simplify';
import { listUsers, readOs1Page } from '../actions/user/getAll.operation';
import { os1Client } from '../transport';

/**
 * Users for the "From List" picker, inactive ones included and marked with their state.
 * Without a search, a page at a time; with one, the whole directory is read and matched by
 * name, email, phone, user code and unique code (OS1's query syntax is not documented).
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await os1Client(this);
	if (filter?.trim()) {
		const users = await listUsers(client, {});
		return { results: searchPicker(users.map(asPickerUser), filter) };
	}
	const page = Number(paginationToken ?? 1);
	const data = await client.request<unknown>(
		'GET',
		'',
		{ qs: { page, size: PICKER_PAGE_SIZE } },
		{ expect: pageCheck(readOs1Page, page === 1) },
	);
	const { items, totalItems } = readPage(readOs1Page, data);
	const more =
		totalItems !== undefined
			? page * PICKER_PAGE_SIZE < totalItems
			: items.length === PICKER_PAGE_SIZE;
	return {
		results: items.map((user) => pickerItem(asPickerUser(user))),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

function asPickerUser(record: IDataObject): PickerUser {
	const user = simplifyOs1User(record);
	return {
		id: user.id,
		name: user.name ?? user.uniqueCode ?? user.id,
		detail: user.email ?? user.phone ?? user.uniqueCode ?? undefined,
		status: user.active ? undefined : (user.state ?? 'inactive'),
		alsoMatches: [user.phone, user.userCode, user.uniqueCode],
	};
}
