'use strict';
/**
 * The benchmark's floors: each job's requests as our nodes send them (same pages, same batch
 * sizes, same number in flight, the same 10-per-second pacing for Alvys), and nothing else.
 * No retries, no error mapping, no duplicate or restart checks, no per-item parameters.
 *
 * Two callers share this file, so the only difference between the two floors is the transport:
 * - the platform floor, `BenchFloor.node.js`, runs inside n8n and sends through
 *   `this.helpers.httpRequest` (n8n's axios stack) with the credential read once;
 * - the physical floor, `physical.mjs`, runs in plain Node outside n8n and sends with `fetch`.
 *
 * A transport is `async ({ method, url, qs, headers, body }) => ({ status, body })`, `body`
 * parsed from JSON. Bench-only code: never shipped, never loaded by the package.
 */
const { randomUUID } = require('node:crypto');

/** Our nodes' fan-out (nodes/Alo getAll, nodes/Alvys getAll, nodes/Os1 lookup). */
const SETTINGS = {
	alo: { pageSize: 100, concurrency: 16 },
	alvys: { pageSize: 100, concurrency: 10, perSecond: 10 },
	os1: { idsPerRequest: 10, concurrency: 16 },
};

/** Runs `task(0 … count-1)` with at most `concurrency` in flight; results in index order. */
async function pool(count, concurrency, task) {
	const results = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}

function ok(response, what) {
	if (response.status < 200 || response.status >= 300)
		throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
	return response.body;
}

/**
 * "N requests per window as the server counts them", the same rule as our rate limiter
 * (nodes/shared/rateLimiter.ts): a request holds its slot while in flight and for a full
 * window after it completes. Anything looser would draw 429s from the sandbox.
 */
function rateLimiter(requests, windowMs) {
	let inFlight = 0;
	const finished = [];
	let queue = Promise.resolve();
	let freed;
	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	const takeSlot = async () => {
		for (;;) {
			const now = Date.now();
			while (finished.length > 0 && now - finished[0] >= windowMs) finished.shift();
			if (inFlight + finished.length < requests) {
				inFlight++;
				return;
			}
			if (finished.length > 0) await sleep(finished[0] + windowMs - now);
			else await new Promise((resolve) => (freed = resolve));
		}
	};
	return async (task) => {
		const turn = queue.then(takeSlot);
		queue = turn;
		await turn;
		try {
			return await task();
		} finally {
			inFlight--;
			finished.push(Date.now());
			freed?.();
			freed = undefined;
		}
	};
}

/** A bearer-style token that is fetched once when missing and again once on a 401. */
function tokenHolder(initial, fetchToken) {
	let token = initial || undefined;
	let pending;
	return {
		async get() {
			if (!token) token = await (pending ??= fetchToken());
			return token;
		},
		async refresh(stale) {
			if (token === stale) {
				pending = fetchToken();
				token = undefined;
				token = await pending;
			}
			return token;
		},
	};
}

async function withToken(tokens, send) {
	const token = await tokens.get();
	const response = await send(token);
	if (response.status !== 401) return response;
	return await send(await tokens.refresh(token));
}

/** ĀLO: GET /users page 1, then every other page, 16 in flight. */
async function alo(send, config) {
	const { pageSize, concurrency } = SETTINGS.alo;
	const baseUrl = config.baseUrl.replace(/\/+$/, '');
	const headers = { Authorization: `Bearer ${config.apiKey}` };
	const page = async (n) =>
		ok(
			await send({
				method: 'GET',
				url: `${baseUrl}/users`,
				qs: { include_inactive: 'true', page: n, per_page: pageSize },
				headers,
			}),
			`ĀLO page ${n}`,
		);
	const first = await page(1);
	const rest = await pool(Math.max(0, first.total_pages - 1), concurrency, (i) => page(i + 2));
	const users = [];
	for (const body of [first, ...rest]) for (const user of body.users) users.push(user);
	return users;
}

/** Alvys: POST /users/search page 0, then the others, 10 in flight within 10 requests/second. */
async function alvys(send, config) {
	const { pageSize, concurrency, perSecond } = SETTINGS.alvys;
	const baseUrl = `${config.baseUrl.replace(/\/+$/, '')}/api/p/v${config.apiVersion || '1'}`;
	const limit = rateLimiter(perSecond, 1000);
	const tokens = tokenHolder(config.accessToken, async () => {
		const body = ok(
			await send({
				method: 'POST',
				url: config.tokenUrl,
				body: {
					client_id: config.clientId,
					client_secret: config.clientSecret,
					audience: config.audience,
					grant_type: 'client_credentials',
				},
			}),
			'Alvys token',
		);
		return body.access_token;
	});
	const page = async (n) =>
		ok(
			await withToken(
				tokens,
				async (token) =>
					await limit(
						async () =>
							await send({
								method: 'POST',
								url: `${baseUrl}/users/search`,
								headers: { Authorization: `Bearer ${token}` },
								body: { page: n, pageSize },
							}),
					),
			),
			`Alvys page ${n}`,
		);
	const first = await page(0);
	const pages = Math.ceil(first.Total / pageSize);
	const rest = await pool(Math.max(0, pages - 1), concurrency, (i) => page(i + 1));
	const users = [];
	for (const body of [first, ...rest]) for (const user of body.Items) users.push(user);
	return users;
}

/**
 * OS1 Get Email / Get Mobile for `ids` (one per input item): distinct ids, 10 to a request,
 * 16 requests in flight; one result per input id, in input order (undefined when not found).
 */
async function os1(send, config, ids, { operation = 'getEmail' } = {}) {
	const { idsPerRequest, concurrency } = SETTINGS.os1;
	const root = `${config.tenantUrl.replace(/\/+$/, '')}/${(config.usersPath || '/core/api/v1/users').replace(/^\/+|\/+$/g, '')}`;
	const [path, param] = operation === 'getMobile' ? ['/mobile', 'userId'] : ['/email', 'ids'];
	const tokens = tokenHolder(config.accessToken, async () => {
		const body = ok(
			await send({
				method: 'POST',
				url: `${config.tenantUrl.replace(/\/+$/, '')}/core/api/v1/aaa/auth/client-credentials`,
				headers: { 'X-COREOS-REQUEST-ID': randomUUID(), 'X-COREOS-TID': config.tenantId },
				body: {
					clientId: config.clientId,
					clientSecret: config.clientSecret,
					audience: config.audience,
				},
			}),
			'OS1 token',
		);
		return body.data.accessToken;
	});
	const distinct = [...new Set(ids)];
	const batches = [];
	for (let i = 0; i < distinct.length; i += idsPerRequest)
		batches.push(distinct.slice(i, i + idsPerRequest));
	const found = new Map();
	await pool(batches.length, concurrency, async (i) => {
		const body = ok(
			await withToken(
				tokens,
				async (token) =>
					await send({
						method: 'GET',
						url: `${root}${path}`,
						qs: { [param]: batches[i].join(',') },
						headers: {
							'X-COREOS-ACCESS': token,
							'X-COREOS-TID': config.tenantId,
							'X-COREOS-REQUEST-ID': randomUUID(),
						},
					}),
			),
			'OS1 lookup',
		);
		for (const user of body.data.users) {
			found.set(user.userId, user);
			if (user.uniqueCode) found.set(user.uniqueCode, user);
		}
	});
	return ids.map((id) => found.get(id));
}

module.exports = { SETTINGS, alo, alvys, os1 };
