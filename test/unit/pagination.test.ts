/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { describe, expect, it } from 'vitest';

import {
	fetchAllPages,
	ListingChangedError,
	PaginationStalledError,
	type Page,
} from '../../nodes/shared/pagination';
import { createRateLimiter } from '../../nodes/shared/rateLimiter';

interface User {
	id: number;
	active?: boolean;
}

/** A paged API over `total` users, recording every request it serves. */
function pagedApi(
	total: number,
	opts: { reportTotal?: 'pages' | 'items' | 'none'; maxPageSize?: number; delayMs?: number } = {},
) {
	const users: User[] = Array.from({ length: total }, (_, i) => ({
		id: i + 1,
		active: i % 3 !== 0,
	}));
	const requests: Array<{ page: number; size: number }> = [];
	let inFlight = 0;
	let peak = 0;
	const fetchPage = async (page: number, size: number): Promise<Page<User>> => {
		requests.push({ page, size });
		inFlight++;
		peak = Math.max(peak, inFlight);
		await new Promise((r) => setImmediate(r));
		if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
		inFlight--;
		const used = Math.min(size, opts.maxPageSize ?? size);
		const items = users.slice((page - 1) * used, page * used);
		const result: Page<User> = { items };
		if (opts.reportTotal === 'pages') result.totalPages = Math.ceil(users.length / used);
		if (opts.reportTotal === 'items' || opts.reportTotal === undefined)
			result.totalItems = users.length;
		return result;
	};
	return { users, requests, fetchPage, peak: () => peak };
}

const base = { firstPage: 1, maxPageSize: 100, idOf: (u: User) => u.id };

describe('fetchAllPages', () => {
	it('returns nothing for an empty directory after one request', async () => {
		const api = pagedApi(0);
		expect(await fetchAllPages({ ...base, fetchPage: api.fetchPage })).toEqual([]);
		expect(api.requests).toHaveLength(1);
	});

	it('reads a single page with one request', async () => {
		const api = pagedApi(42);
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
		expect(api.requests).toEqual([{ page: 1, size: 100 }]);
	});

	it.each(['pages', 'items'] as const)(
		'reads many pages in server order when the total is known (%s)',
		async (reportTotal) => {
			const api = pagedApi(1234, { reportTotal });
			const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage, concurrency: 4 });
			expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
			expect(api.requests.map((r) => r.page).sort((a, b) => a - b)).toEqual(
				Array.from({ length: 13 }, (_, i) => i + 1),
			);
			expect(api.peak()).toBeGreaterThan(1);
		},
	);

	it('pages sequentially until an empty page when no total is given', async () => {
		const api = pagedApi(250, { reportTotal: 'none' });
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage });
		expect(users).toHaveLength(250);
		// A short page proves nothing without the server's page size: the end is an empty page.
		expect(api.requests.map((r) => r.page)).toEqual([1, 2, 3, 4]);
		expect(api.peak()).toBe(1);
	});

	it('does not stop after page 1 when the server silently serves fewer than asked', async () => {
		const api = pagedApi(120, { reportTotal: 'none', maxPageSize: 50 });
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
		expect(api.requests.map((r) => r.page)).toEqual([1, 2, 3, 4]);
	});

	it('stops on a page shorter than the page size the server says it used', async () => {
		const api = pagedApi(120, { reportTotal: 'none', maxPageSize: 50 });
		const withSize = async (page: number, size: number): Promise<Page<User>> => ({
			...(await api.fetchPage(page, size)),
			pageSize: 50,
		});
		expect(await fetchAllPages({ ...base, fetchPage: withSize })).toHaveLength(120);
		expect(api.requests.map((r) => r.page)).toEqual([1, 2, 3]);
	});

	it('reads past a total that is too low instead of truncating', async () => {
		const api = pagedApi(250, { reportTotal: 'none' });
		const lying = async (page: number, size: number): Promise<Page<User>> => ({
			...(await api.fetchPage(page, size)),
			totalItems: 100,
		});
		const users = await fetchAllPages({ ...base, fetchPage: lying });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
	});

	it('fails clearly on a total that is too high, instead of returning a partial list', async () => {
		const api = pagedApi(250, { reportTotal: 'none' });
		const lying = async (page: number, size: number): Promise<Page<User>> => ({
			...(await api.fetchPage(page, size)),
			totalItems: 300,
		});
		await expect(fetchAllPages({ ...base, fetchPage: lying })).rejects.toThrow(
			'announced 300 users but served 250',
		);
		// One complete read, then one more to tell a wrong total from a changing directory.
		expect(api.requests.filter((r) => r.page === 1)).toHaveLength(2);
	});

	it('stops on an empty page when the last full page ends exactly', async () => {
		const api = pagedApi(200, { reportTotal: 'none' });
		expect(await fetchAllPages({ ...base, fetchPage: api.fetchPage })).toHaveLength(200);
		expect(api.requests.map((r) => r.page)).toEqual([1, 2, 3]);
	});

	it('answers a limit inside the first page with one request of at most that size', async () => {
		const api = pagedApi(1000);
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage, limit: 7 });
		expect(users.map((u) => u.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(api.requests).toEqual([{ page: 1, size: 7 }]);
	});

	it('requests only the pages a limit across pages needs', async () => {
		const api = pagedApi(1000);
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage, limit: 250 });
		expect(users).toHaveLength(250);
		expect(users[249].id).toBe(250);
		expect(api.requests.map((r) => r.page).sort()).toEqual([1, 2, 3]);
	});

	it('follows a server that caps the page size', async () => {
		const api = pagedApi(120, { maxPageSize: 50 });
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
		expect(api.requests).toHaveLength(3);
	});

	it('stops with a clear error when the server returns the same page twice', async () => {
		const api = pagedApi(300, { reportTotal: 'none' });
		const stuck = async (page: number, size: number) => api.fetchPage(Math.min(page, 2), size);
		await expect(fetchAllPages({ ...base, fetchPage: stuck })).rejects.toBeInstanceOf(
			PaginationStalledError,
		);
		expect(api.requests).toHaveLength(3);
	});

	it('drops repeated ids but keeps going', async () => {
		const api = pagedApi(150, { reportTotal: 'none' });
		const overlapping = async (page: number, size: number): Promise<Page<User>> => {
			const result = await api.fetchPage(page, size);
			return page === 2 ? { items: [api.users[99], ...result.items] } : result;
		};
		const users = await fetchAllPages({ ...base, fetchPage: overlapping });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
	});

	it('never has more pages in flight than the concurrency cap', async () => {
		const api = pagedApi(3000, { delayMs: 2 });
		await fetchAllPages({ ...base, fetchPage: api.fetchPage, concurrency: 3 });
		expect(api.peak()).toBe(3);
	});

	it('keeps paging with a local filter until the limit of matching users is reached', async () => {
		const api = pagedApi(1000);
		const accept = (u: User) => u.active === false;
		const users = await fetchAllPages({ ...base, fetchPage: api.fetchPage, accept, limit: 60 });
		expect(users).toHaveLength(60);
		expect(users.every(accept)).toBe(true);
		// 1 in 3 users matches, so 60 matches need 2 pages; the estimate must not fetch all 10.
		expect(api.requests.length).toBeLessThanOrEqual(4);
	});

	it('restarts when the total changes mid-listing, so no user is lost', async () => {
		const api = pagedApi(300);
		let calls = 0;
		const shifting = async (page: number, size: number) => {
			calls++;
			if (calls === 2) api.users.splice(0, 1); // someone deleted after page 1 was read
			return api.fetchPage(page, size);
		};
		const users = await fetchAllPages({ ...base, fetchPage: shifting, concurrency: 1 });
		expect(users.map((u) => u.id)).toEqual(api.users.map((u) => u.id));
	});

	it('gives up with a clear error when the listing never settles', async () => {
		const api = pagedApi(300);
		const churning = async (page: number, size: number) => {
			if (page === 2) api.users.pop();
			return api.fetchPage(page, size);
		};
		await expect(
			fetchAllPages({ ...base, fetchPage: churning, concurrency: 1 }),
		).rejects.toBeInstanceOf(ListingChangedError);
	});

	it('keeps within a requests-per-second budget, and uses it', async () => {
		// A scaled-down budget (10 requests per 100 ms) so the test runs on real timers quickly.
		const limiter = createRateLimiter({ requests: 10, windowMs: 100 });
		const starts: number[] = [];
		const api = pagedApi(5000);
		const timed = async (page: number, size: number) => {
			starts.push(Date.now());
			return api.fetchPage(page, size);
		};
		const began = Date.now();
		const users = await fetchAllPages({
			...base,
			fetchPage: timed,
			rateLimiter: limiter,
			concurrency: 10,
		});
		expect(users).toHaveLength(5000);
		// 50 pages, and the one after: the last announced page was full, so the total is checked.
		expect(starts).toHaveLength(51);
		for (let i = 10; i < starts.length; i++)
			expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(99);
		// Five windows of 10 requests: the budget is used, not wasted.
		expect(Date.now() - began).toBeGreaterThanOrEqual(399);
		expect(Date.now() - began).toBeLessThan(1000);
	});
});
