import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PICKER_PAGE_SIZE, pickerItem } from '../../shared/listSearch';
import { pageCheck, readPage } from '../../shared/pagination';
import { simplifyAlvysUser } from '../../shared/simplify';
import { readAlvysPage } from '../actions/user/getAll.operation';
import { alvysClient } from '../transport';

/**
 * Users for the "From List" picker, a page at a time. Alvys searches itself (its keyword
 * matches names, user names and emails), so the search box is sent as the keyword. Users who
 * are not Active are listed too, marked with their status.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await alvysClient(this);
	const page = Number(paginationToken ?? 0);
	const keyword = filter?.trim();
	const body = await client.request<unknown>(
		'POST',
		'/users/search',
		{ page, pageSize: PICKER_PAGE_SIZE, ...(keyword ? { keyword } : {}) },
		{ expect: pageCheck(readAlvysPage, page === 0) },
	);
	const { items, totalItems } = readPage(readAlvysPage, body);
	const more =
		totalItems !== undefined
			? (page + 1) * PICKER_PAGE_SIZE < totalItems
			: items.length === PICKER_PAGE_SIZE;
	return {
		results: items.map((record) => {
			const user = simplifyAlvysUser(record);
			return pickerItem({
				id: user.id,
				name: user.name ?? user.userName ?? user.id,
				detail: user.email ?? user.userName ?? undefined,
				status: user.active ? undefined : (user.status ?? 'not active').toLowerCase(),
			});
		}),
		paginationToken: more ? String(page + 1) : undefined,
	};
}
