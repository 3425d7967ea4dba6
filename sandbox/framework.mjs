import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

import { generatePeople } from './people.mjs';
import { seededRandom } from './random.mjs';

/**
 * Faults the sandbox can inject on any vendor route. Before the vendor answers: an HTTP
 * error status, `reset` (connection closed, no answer), `slow`, `hang` (never answers),
 * `trickle` (headers, then a byte now and then, never finishing), `html`, `empty` and `null`
 * (broken 200s), `json` (a 200 with the fault's `body`), `redirect` (to the fault's
 * `location`). On the vendor's real answer: `reset-mid-body` (half of it, then the connection
 * drops), `repeat` (the previous answer of that route again), `list-null` (lists become
 * null), `no-ids` (list entries lose their ids), `total-high` / `total-low` (totals lie),
 * `no-total` (totals and page sizes left out).
 */
export const FAULT_KINDS = [
	'500',
	'502',
	'503',
	'504',
	'429',
	'429-retry-after',
	'reset',
	'slow',
	'hang',
	'trickle',
	'html',
	'empty',
	'null',
	'json',
	'redirect',
	'reset-mid-body',
	'repeat',
	'list-null',
	'no-ids',
	'total-high',
	'total-low',
	'no-total',
];

const ANSWER_FAULTS = new Set([
	'reset-mid-body',
	'repeat',
	'list-null',
	'no-ids',
	'total-high',
	'total-low',
	'no-total',
]);

export const DEFAULT_OPTIONS = {
	host: '127.0.0.1',
	port: 0,
	users: 250,
	seed: 42,
	latencyMs: 0,
	latencyJitterMs: 0,
	faultRate: 0,
	faultKinds: ['503', '429-retry-after', 'reset'],
	slowMs: 2000,
	retryAfterSeconds: 1,
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts one vendor emulator on loopback. `vendor` is a module from `sandbox/vendors/`:
 * `{ name, createState({ people, options, random }), handle(ctx), mutate?(state, change) }`.
 * Returns `{ url, port, log, faults, state, mutate, reset, close }`; the same controls are
 * served over HTTP under `/__sandbox/` for the demo and the benchmarks.
 */
export async function startSandbox(vendor, overrides = {}) {
	const options = { ...DEFAULT_OPTIONS, ...(vendor.defaults ?? {}), ...overrides };
	const sandbox = {
		vendor: vendor.name,
		options,
		log: [],
		state: undefined,
		faults: { rate: options.faultRate, kinds: [...options.faultKinds], queue: [] },
		random: seededRandom(options.seed),
		/** The last successful answer per route, for the `repeat` fault. */
		lastAnswers: new Map(),
		reset() {
			const people = options.people ?? generatePeople(options.users, options.seed);
			sandbox.state = vendor.createState({
				people,
				options,
				random: seededRandom(options.seed + 1),
			});
			sandbox.log.length = 0;
			sandbox.faults.queue.length = 0;
			sandbox.lastAnswers.clear();
		},
		/** Change data between calls (deactivate, delete, add...), as the vendor module allows. */
		mutate(change) {
			if (!vendor.mutate) throw new Error(`${vendor.name} sandbox has no mutations`);
			return vendor.mutate(sandbox.state, change, sandbox);
		},
		/** Queue faults for the next matching requests, e.g. `{ kind: '503', count: 2, path: '/users' }`. */
		failNext(fault) {
			sandbox.faults.queue.push({ count: 1, ...fault });
		},
		clearLog() {
			sandbox.log.length = 0;
		},
		/** Requests to vendor routes (control calls are never logged). */
		requests(filter = {}) {
			return sandbox.log.filter(
				(e) =>
					(!filter.method || e.method === filter.method) &&
					(!filter.path || e.path.startsWith(filter.path)),
			);
		},
	};
	sandbox.reset();

	const server = createServer((req, res) => {
		handleRequest(vendor, sandbox, req, res).catch((error) => {
			if (!res.headersSent) send(res, 500, { message: `sandbox error: ${error.message}` });
		});
	});
	server.keepAliveTimeout = 30_000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, resolve);
	});
	const { port } = server.address();
	sandbox.port = port;
	sandbox.url = `http://${options.host}:${port}`;
	sandbox.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		});
	return sandbox;
}

async function handleRequest(vendor, sandbox, req, res) {
	const url = new URL(req.url, 'http://sandbox');
	const raw = await readBody(req);
	if (url.pathname.startsWith('/__sandbox/'))
		return control(sandbox, url, req.method, parseBody(raw, req.headers), res);

	const started = performance.timeOrigin + performance.now();
	const entry = {
		seq: sandbox.log.length + 1,
		t: started,
		method: req.method,
		path: url.pathname,
		query: url.search.slice(1),
		headers: { ...req.headers },
		body: parseBody(raw, req.headers),
	};
	sandbox.log.push(entry);
	// When the connection ended: shows whether a client really gave up on a hung answer.
	res.on('close', () => (entry.closedAt = performance.timeOrigin + performance.now()));

	const { latencyMs, latencyJitterMs } = sandbox.options;
	if (latencyMs || latencyJitterMs) await sleep(latencyMs + sandbox.random() * latencyJitterMs);

	const fault = pickFault(sandbox, req.method, url.pathname);
	if (fault) entry.fault = fault.kind;
	if (fault && !ANSWER_FAULTS.has(fault.kind)) {
		const done = await injectBefore(vendor, sandbox, fault, req, res, entry);
		if (done) return;
	}

	const ctx = {
		method: req.method,
		path: url.pathname,
		query: url.searchParams,
		headers: req.headers,
		body: entry.body,
		state: sandbox.state,
		options: sandbox.options,
		sandbox,
		entry,
	};
	let result = (await vendor.handle(ctx)) ?? { status: 404, body: { message: 'Not found' } };
	const route = `${req.method} ${url.pathname}`;
	if (fault?.kind === 'repeat' && sandbox.lastAnswers.has(route))
		result = sandbox.lastAnswers.get(route);
	else if (result.status < 300) sandbox.lastAnswers.set(route, result);
	if (fault && ANSWER_FAULTS.has(fault.kind) && fault.kind !== 'repeat')
		result = { ...result, body: transformAnswer(fault.kind, result.body) };
	entry.status = result.status;
	entry.durationMs = performance.timeOrigin + performance.now() - started;
	if (fault?.kind === 'reset-mid-body') {
		const text = JSON.stringify(result.body) ?? '';
		res.writeHead(result.status, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(text)),
		});
		res.write(text.slice(0, Math.floor(text.length / 2)));
		await sleep(20);
		req.socket.destroy();
		return;
	}
	send(res, result.status, result.body, result.headers);
}

/** Faults that answer instead of the vendor. Returns false when the vendor answers after all. */
async function injectBefore(vendor, sandbox, fault, req, res, entry) {
	switch (fault.kind) {
		case 'reset':
			entry.status = 0;
			req.socket.destroy();
			return true;
		case 'slow':
			await sleep(fault.ms ?? sandbox.options.slowMs);
			return false;
		case 'hang':
			entry.status = 0;
			// Never answers; the connection ends when the client gives up or the sandbox closes.
			return true;
		case 'trickle': {
			entry.status = 200;
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
			res.write('{"users":[');
			const timer = setInterval(() => res.write(' '), fault.everyMs ?? 200);
			res.on('close', () => clearInterval(timer));
			return true;
		}
		case 'html':
			entry.status = 200;
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(
				'<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head><body><h1>Down for maintenance</h1></body></html>',
			);
			return true;
		case 'empty':
			entry.status = 200;
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end();
			return true;
		case 'null':
			entry.status = 200;
			send(res, 200, null);
			return true;
		case 'json':
			entry.status = fault.status ?? 200;
			send(res, entry.status, fault.body ?? {});
			return true;
		case 'redirect':
			entry.status = fault.status ?? 307;
			res.writeHead(entry.status, { Location: fault.location ?? '/' });
			res.end();
			return true;
		default: {
			const status = Number(fault.kind.slice(0, 3));
			entry.status = status;
			const headers =
				fault.kind === '429-retry-after'
					? { 'Retry-After': String(fault.retryAfterSeconds ?? sandbox.options.retryAfterSeconds) }
					: {};
			const body = vendor.faultBody?.(status) ?? { message: `Injected fault ${status}` };
			send(res, status, body, headers);
			return true;
		}
	}
}

const TOTAL_KEYS = new Set(['total_count', 'total_pages', 'Total', 'total', 'totalElements']);
const SIZE_KEYS = new Set(['per_page', 'PageSize', 'pageSize', 'size']);
const ID_KEYS = ['id', 'Id', 'userId'];

/** Rewrites a real answer the way a broken or lying server would. */
function transformAnswer(kind, body, depth = 0) {
	if (body === null || typeof body !== 'object' || depth > 3) return body;
	if (Array.isArray(body)) {
		if (kind === 'list-null') return null;
		return body.map((entry) => {
			if (kind !== 'no-ids' || entry === null || typeof entry !== 'object') return entry;
			const copy = { ...entry };
			for (const key of ID_KEYS) delete copy[key];
			return copy;
		});
	}
	const out = {};
	for (const [key, value] of Object.entries(body)) {
		if (typeof value === 'number' && TOTAL_KEYS.has(key)) {
			if (kind === 'no-total') continue;
			if (kind === 'total-high') out[key] = key === 'total_pages' ? value + 1 : value + 50;
			else if (kind === 'total-low') out[key] = Math.floor(value / 2);
			else out[key] = value;
			continue;
		}
		if (kind === 'no-total' && SIZE_KEYS.has(key) && typeof value === 'number') continue;
		out[key] = transformAnswer(kind, value, depth + 1);
	}
	return out;
}

function pickFault(sandbox, method, path) {
	const { faults } = sandbox;
	const queued = faults.queue.find(
		(f) =>
			f.count > 0 && (!f.method || f.method === method) && (!f.path || path.startsWith(f.path)),
	);
	if (queued) {
		queued.count--;
		if (queued.count <= 0) faults.queue.splice(faults.queue.indexOf(queued), 1);
		return queued;
	}
	if (faults.rate > 0 && faults.kinds.length > 0 && sandbox.random() < faults.rate) {
		return { kind: faults.kinds[Math.floor(sandbox.random() * faults.kinds.length)] };
	}
	return undefined;
}

function control(sandbox, url, method, body, res) {
	const route = url.pathname.slice('/__sandbox/'.length);
	if (route === 'log' && method === 'GET') return send(res, 200, sandbox.log);
	if (route === 'log' && method === 'DELETE') return (sandbox.clearLog(), send(res, 204));
	if (route === 'reset' && method === 'POST') return (sandbox.reset(), send(res, 204));
	if (route === 'faults' && method === 'POST') {
		if (body.rate !== undefined) sandbox.faults.rate = Number(body.rate);
		if (body.kinds) sandbox.faults.kinds = body.kinds;
		for (const fault of body.next ?? []) sandbox.failNext(fault);
		return send(res, 200, {
			rate: sandbox.faults.rate,
			kinds: sandbox.faults.kinds,
			queued: sandbox.faults.queue,
		});
	}
	if (route === 'latency' && method === 'POST') {
		sandbox.options.latencyMs = Number(body.latencyMs ?? sandbox.options.latencyMs);
		return send(res, 200, { latencyMs: sandbox.options.latencyMs });
	}
	if (route === 'mutate' && method === 'POST') {
		try {
			return send(res, 200, sandbox.mutate(body) ?? {});
		} catch (error) {
			return send(res, 400, { message: error.message });
		}
	}
	if (route === 'state' && method === 'GET') return send(res, 200, sandbox.state);
	return send(res, 404, { message: `Unknown sandbox control ${method} ${route}` });
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseBody(raw, headers) {
	if (!raw) return undefined;
	const type = String(headers['content-type'] ?? '');
	if (type.includes('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(raw));
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function send(res, status, body, headers = {}) {
	if (body === undefined || status === 204) {
		res.writeHead(status, headers);
		res.end();
		return;
	}
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
	res.end(text);
}

/**
 * Token bucket, for vendors with documented rate limits: `capacity` requests at once,
 * refilled at `perSecond`. `take(key)` returns false when the caller is over the limit.
 */
export function tokenBucket({ capacity, perSecond, now = () => performance.now() }) {
	const buckets = new Map();
	return {
		take(key) {
			const t = now();
			const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
			bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
			bucket.at = t;
			buckets.set(key, bucket);
			if (bucket.tokens < 1) return false;
			bucket.tokens -= 1;
			return true;
		},
	};
}

/** Most requests in any window of `windowMs`, from log entries (for rate-limit assertions). */
export function peakInWindow(entries, windowMs = 1000) {
	const times = entries.map((e) => e.t).sort((a, b) => a - b);
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}
