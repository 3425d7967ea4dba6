import type { AnswerCheck } from './answers';
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

/** Reads one vendor's page body; returns what was expected instead when it is not a page. */
export type PageReader<T> = (body: unknown) => Page<T> | string;

/**
 * The answer check for one page: the vendor's reader must accept it, and a first page may
 * not be empty while the total says there are users (that answer cannot be taken as "none").
 */
export function pageCheck<T>(read: PageReader<T>, isFirstPage: boolean): AnswerCheck {
	return (body) => {
		const page = read(body);
		if (typeof page === 'string') return page;
		if (isFirstPage && page.items.length === 0 && (page.totalItems ?? 0) > 0)
			return `a page of users (the first page was empty although the total is ${page.totalItems})`;
		return undefined;
	};
}

/** A page that passed `pageCheck`. */
export function readPage<T>(read: PageReader<T>, body: unknown): Page<T> {
	const page = read(body);
	if (typeof page === 'string') throw new Error(`Not a page: expected ${page}`);
	return page;
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

/** The API announced more users than it served, the same way on two complete reads. */
export class TotalMismatchError extends Error {
	constructor(announced: number, served: number) {
		super(
			`The API announced ${announced} users but served ${served}, the same on a second complete read; the listing is incomplete or its total is wrong, so no partial list is returned`,
		);
		this.name = 'TotalMismatchError';
	}
}

/** The listing must start over: the data visibly changed while it was being read. */
interface Restart {
	restart: true;
	announced: number;
	served: number;
}

const DEFAULT_CONCURRENCY = 5;

/**
 * Fetches a paged list: page 1 first, then, when the API tells the total, every remaining
 * page concurrently (bounded, optionally rate-limited), otherwise page by page. Stops as soon
 * as `limit` items are collected and never schedules a page it will not use. Output keeps
 * server order, without duplicate ids.
 *
 * The end of the list is only ever taken from the server: an empty page, a page shorter
 * than the page size the server says it used, or its total. A page shorter than what was
 * asked proves nothing (servers cap page sizes silently), and a total is checked: when the
 * last page it implies is full, the next page is read too, so a total that is too low
 * cannot truncate the list.
 *
 * Offset paging can skip a user when the directory changes mid-listing (a deletion shifts
 * everyone up a page). When the API reports a total, a changed total or a missing user
 * restarts the listing, so a complete result is never silently incomplete.
 */
export async function fetchAllPages<T>(options: PagedFetchOptions<T>): Promise<T[]> {
	const restarts = options.restarts ?? 2;
	let previous: Restart | undefined;
	for (let attempt = 0; ; attempt++) {
		const outcome = await fetchOnce(options);
		if (Array.isArray(outcome)) return outcome;
		// Two complete reads agreeing on a shortfall: the total is wrong, not the data moving.
		if (previous && previous.announced === outcome.announced && previous.served === outcome.served)
			throw new TotalMismatchError(outcome.announced, outcome.served);
		previous = outcome;
		if (attempt >= restarts) throw new ListingChangedError(attempt + 1);
	}
}

async function fetchOnce<T>(options: PagedFetchOptions<T>): Promise<T[] | Restart> {
	const { firstPage, limit, accept, rateLimiter } = options;
	const wanted = limit ?? Number.POSITIVE_INFINITY;
	// Without a local filter every received item counts, so a small limit shrinks the page.
	const pageSize =
		limit !== undefined && !accept ? Math.min(limit, options.maxPageSize) : options.maxPageSize;
	const collected = new Collector(options.idOf, accept, wanted);
	const maxPages = options.maxPages ?? 100_000;

	const fetch = async (page: number) =>
		rateLimiter
			? await rateLimiter.run(async () => await options.fetchPage(page, pageSize))
			: await options.fetchPage(page, pageSize);

	const first = await fetch(firstPage);
	collected.add(first.items, firstPage);
	if (collected.full || first.items.length === 0) return collected.items;
	// The size the server says it used, or, when it capped what was asked, what it sent.
	const serverSize =
		first.pageSize ?? (first.items.length < pageSize ? first.items.length : undefined);
	const isLast = (page: Page<T>) =>
		page.items.length === 0 ||
		(page.pageSize !== undefined && page.items.length < page.pageSize) ||
		(first.pageSize !== undefined && page.items.length < first.pageSize);

	const totalPages = knownTotalPages(first, serverSize ?? pageSize);
	if (totalPages === undefined) {
		if (!isLast(first)) await fetchSequentially(options, fetch, collected, firstPage + 1, isLast);
		return collected.items;
	}

	const effectiveSize = serverSize ?? pageSize;
	const lastAnnounced = firstPage + totalPages - 1;
	let lastPage = Math.min(lastAnnounced, firstPage + maxPages - 1);
	if (!accept && limit !== undefined) {
		lastPage = Math.min(lastPage, firstPage + Math.ceil(limit / effectiveSize) - 1);
	}
	const totalChanged = (page: Page<T>) =>
		first.totalItems !== undefined &&
		page.totalItems !== undefined &&
		page.totalItems !== first.totalItems;
	const fullSize = first.pageSize ?? pageSize;
	// A total that fills its last page exactly cannot show it is too low: the page after it is
	// read too, along with the others rather than after them.
	const readPast =
		lastPage === lastAnnounced &&
		first.totalItems !== undefined &&
		first.totalItems > 0 &&
		first.totalItems % fullSize === 0;
	const outcome = await fetchConcurrently(
		options,
		fetch,
		collected,
		firstPage + 1,
		readPast ? lastPage + 1 : lastPage,
		effectiveSize,
		totalChanged,
	);
	if (outcome.restart) return { restart: true, announced: first.totalItems ?? 0, served: 0 };
	if (collected.full || lastPage !== lastAnnounced) return collected.items;

	// The total said the list ended on or before this page, but the page was as full as a page
	// can be (or lay beyond the total and was not empty): the total may be too low, so reading
	// goes on until the server shows the end.
	const last = outcome.lastRead ?? { page: firstPage, result: first };
	const pastTotal = last.page > lastAnnounced;
	if (
		last.page >= lastAnnounced &&
		!isLast(last.result) &&
		(pastTotal || last.result.items.length >= fullSize)
	) {
		await fetchSequentially(options, fetch, collected, last.page + 1, isLast);
	}
	// Fewer users received than the total announced: someone moved between pages.
	if (!collected.full && first.totalItems !== undefined && collected.seen < first.totalItems) {
		return { restart: true, announced: first.totalItems, served: collected.seen };
	}
	return collected.items;
}

function knownTotalPages<T>(first: Page<T>, size: number): number | undefined {
	if (first.totalPages !== undefined && Number.isFinite(first.totalPages)) return first.totalPages;
	if (first.totalItems !== undefined && Number.isFinite(first.totalItems)) {
		return Math.ceil(first.totalItems / Math.max(size, 1));
	}
	return undefined;
}

/** Page after page until the server shows the end (or the limit is reached). */
async function fetchSequentially<T>(
	options: PagedFetchOptions<T>,
	fetch: (page: number) => Promise<Page<T>>,
	collected: Collector<T>,
	from: number,
	isLast: (page: Page<T>) => boolean,
): Promise<void> {
	const end = options.firstPage + (options.maxPages ?? 100_000);
	for (let page = from; page < end && !collected.full; page++) {
		const result = await fetch(page);
		collected.add(result.items, page);
		if (isLast(result)) return;
	}
}

interface ConcurrentOutcome<T> {
	restart: boolean;
	/** The highest page read, in order, before stopping. */
	lastRead?: { page: number; result: Page<T> };
}

async function fetchConcurrently<T>(
	options: PagedFetchOptions<T>,
	fetch: (page: number) => Promise<Page<T>>,
	collected: Collector<T>,
	from: number,
	to: number,
	pageSize: number,
	totalChanged: (page: Page<T>) => boolean,
): Promise<ConcurrentOutcome<T>> {
	const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
	const inFlight = new Map<number, Promise<Page<T>>>();
	let next = from;
	let lastRead: ConcurrentOutcome<T>['lastRead'];

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
		if (totalChanged(result)) return { restart: true };
		lastRead = { page, result };
		if (result.items.length === 0) break;
		collected.add(result.items, page);
	}
	return { restart: false, lastRead };
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
