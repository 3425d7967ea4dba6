import type { RateLimiter } from './rateLimiter';

/** One page as the vendor returned it, reduced to what paging needs. */
export interface Page<T> {
	items: T[];
	/** Number of pages, when the API says. */
	totalPages?: number;
	/** Number of items across all pages, when the API says. */
	totalItems?: number;
	/** Page size the server used, when it says (it may cap what was asked). */
	pageSize?: number;
}

export interface PagedFetchOptions<T> {
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>;
	/** Number of the first page: 0 or 1, as the API counts. */
	firstPage: number;
	maxPageSize: number;
	/** Stop once this many (accepted) items are collected; undefined = all. */
	limit?: number;
	/** Pages fetched at once after the first (default 5). */
	concurrency?: number;
	rateLimiter?: RateLimiter;
	idOf: (item: T) => string | number | undefined;
	/** Local filter for what the API cannot filter; only accepted items count towards `limit`. */
	accept?: (item: T) => boolean;
	/** Times the whole listing is restarted when the data visibly changed under it (default 2). */
	restarts?: number;
	/** Hard stop against endless paging (default 100,000 pages). */
	maxPages?: number;
}

/** The API served a page holding only items already received: paging would never end. */
export class PaginationStalledError extends Error {
	constructor(readonly page: number) {
		super(
			`Page ${page} returned only users already received on earlier pages, so the API is not advancing; stopped instead of looping`,
		);
		this.name = 'PaginationStalledError';
	}
}

/** The directory changed while it was being listed, so a user could have been skipped. */
export class ListingChangedError extends Error {
	constructor(attempts: number) {
		super(
			`The list of users kept changing while it was being read (${attempts} attempts); run the node again once the directory is stable`,
		);
		this.name = 'ListingChangedError';
	}
}

/** The listing must start over: the data visibly changed while it was being read. */
const RESTART = Symbol('restart');

const DEFAULT_CONCURRENCY = 5;

/**
 * Fetches a paged list: page 1 first, then, when the API tells the total, every remaining
 * page concurrently (bounded, optionally rate-limited), otherwise page by page until a short
 * or empty page. Stops as soon as `limit` items are collected and never schedules a page it
 * will not use. Output keeps server order, without duplicate ids.
 *
 * Offset paging can skip a user when the directory changes mid-listing (a deletion shifts
 * everyone up a page). When the API reports a total, a changed total or a missing user
 * restarts the listing, so a complete result is never silently incomplete.
 */
export async function fetchAllPages<T>(options: PagedFetchOptions<T>): Promise<T[]> {
	const restarts = options.restarts ?? 2;
	for (let attempt = 0; ; attempt++) {
		const items = await fetchOnce(options);
		if (items !== RESTART) return items;
		if (attempt >= restarts) throw new ListingChangedError(attempt + 1);
	}
}

async function fetchOnce<T>(options: PagedFetchOptions<T>): Promise<T[] | typeof RESTART> {
	const { firstPage, limit, accept, rateLimiter } = options;
	const wanted = limit ?? Number.POSITIVE_INFINITY;
	// Without a local filter every received item counts, so a small limit shrinks the page.
	const pageSize =
		limit !== undefined && !accept ? Math.min(limit, options.maxPageSize) : options.maxPageSize;
	const collected = new Collector(options.idOf, accept, wanted);

	const fetch = async (page: number) =>
		rateLimiter
			? await rateLimiter.run(async () => await options.fetchPage(page, pageSize))
			: await options.fetchPage(page, pageSize);

	const first = await fetch(firstPage);
	collected.add(first.items, firstPage);
	if (collected.full || first.items.length === 0) return collected.items;

	const totalPages = knownTotalPages(first, pageSize);
	if (totalPages === undefined) {
		await fetchSequentially(options, fetch, collected, first.items.length, pageSize);
		return collected.items;
	}

	const effectiveSize = first.items.length;
	let lastPage = Math.min(
		firstPage + totalPages - 1,
		firstPage + (options.maxPages ?? 100_000) - 1,
	);
	if (!accept && limit !== undefined) {
		lastPage = Math.min(lastPage, firstPage + Math.ceil(limit / effectiveSize) - 1);
	}
	const totalChanged = (page: Page<T>) =>
		first.totalItems !== undefined &&
		page.totalItems !== undefined &&
		page.totalItems !== first.totalItems;
	const outcome = await fetchConcurrently(
		options,
		fetch,
		collected,
		firstPage + 1,
		lastPage,
		effectiveSize,
		totalChanged,
	);
	if (outcome === RESTART) return RESTART;

	// Fewer users received than the total announced: someone moved between pages.
	const complete = !collected.full && lastPage === firstPage + totalPages - 1;
	if (complete && first.totalItems !== undefined && collected.received < first.totalItems) {
		return RESTART;
	}
	return collected.items;
}

function knownTotalPages<T>(first: Page<T>, requestedSize: number): number | undefined {
	if (first.totalPages !== undefined && Number.isFinite(first.totalPages)) return first.totalPages;
	if (first.totalItems !== undefined && Number.isFinite(first.totalItems)) {
		// The server may cap the page size; a full first page shows the size it used.
		const size =
			first.items.length < requestedSize ? first.items.length : (first.pageSize ?? requestedSize);
		return Math.ceil(first.totalItems / Math.max(size, 1));
	}
	return undefined;
}

async function fetchSequentially<T>(
	options: PagedFetchOptions<T>,
	fetch: (page: number) => Promise<Page<T>>,
	collected: Collector<T>,
	firstLength: number,
	pageSize: number,
): Promise<void> {
	const maxPages = options.maxPages ?? 100_000;
	// A short page is the last one.
	let lastLength = firstLength;
	for (let n = 1; n < maxPages && lastLength >= pageSize && !collected.full; n++) {
		const page = options.firstPage + n;
		const result = await fetch(page);
		if (result.items.length === 0) return;
		collected.add(result.items, page);
		lastLength = result.items.length;
	}
}

async function fetchConcurrently<T>(
	options: PagedFetchOptions<T>,
	fetch: (page: number) => Promise<Page<T>>,
	collected: Collector<T>,
	from: number,
	to: number,
	pageSize: number,
	totalChanged: (page: Page<T>) => boolean,
): Promise<typeof RESTART | undefined> {
	const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
	const inFlight = new Map<number, Promise<Page<T>>>();
	let next = from;

	// With a local filter the number of pages still needed is an estimate from the match rate.
	const pagesStillNeeded = () => {
		if (!options.accept || collected.wanted === Number.POSITIVE_INFINITY)
			return Number.POSITIVE_INFINITY;
		const rate = collected.seen === 0 ? 1 : collected.items.length / collected.seen;
		if (rate === 0) return concurrency;
		return Math.ceil((collected.wanted - collected.items.length) / (rate * pageSize));
	};
	const schedule = () => {
		while (next <= to && inFlight.size < concurrency && inFlight.size < pagesStillNeeded()) {
			const promise = fetch(next);
			// Abandoned pages (limit reached, error elsewhere) must not raise unhandled rejections.
			promise.catch(() => undefined);
			inFlight.set(next, promise);
			next++;
		}
	};

	for (let page = from; page <= to && !collected.full; page++) {
		schedule();
		const pending = inFlight.get(page);
		if (!pending) break;
		const result = await pending;
		inFlight.delete(page);
		if (totalChanged(result)) return RESTART;
		if (result.items.length === 0) break;
		collected.add(result.items, page);
	}
	return undefined;
}

/** Keeps server order, drops repeated ids, counts towards the limit, spots a stalled API. */
class Collector<T> {
	readonly items: T[] = [];
	/** Items received, repeats included. */
	received = 0;
	/** Distinct items received (what the local filter was applied to). */
	seen = 0;
	private readonly ids = new Set<string | number>();

	constructor(
		private readonly idOf: (item: T) => string | number | undefined,
		private readonly accept: ((item: T) => boolean) | undefined,
		readonly wanted: number,
	) {}

	get full(): boolean {
		return this.items.length >= this.wanted;
	}

	add(items: T[], page: number): void {
		let fresh = 0;
		this.received += items.length;
		for (const item of items) {
			const id = this.idOf(item);
			if (id !== undefined) {
				if (this.ids.has(id)) continue;
				this.ids.add(id);
			}
			fresh++;
			this.seen++;
			if (this.full || (this.accept && !this.accept(item))) continue;
			this.items.push(item);
		}
		if (items.length > 0 && fresh === 0) throw new PaginationStalledError(page);
	}
}
