#!/usr/bin/env node
/**
 * Physical floor (bench only): one bench job's requests from plain Node, outside n8n, with
 * `fetch` (undici) and the same pages, batches, concurrency and pacing as our nodes
 * (jobs.cjs). What it costs is the network round trips, HTTP and JSON parsing, and building
 * one item per user: nothing any n8n node could skip.
 *
 * Usage: node physical.mjs <job.json>, where job.json is
 * `{ job: 'alo'|'alvys'|'os1', config: <credential fields, token included>, ids?: string[] }`.
 * Prints `{ ms, items, distinct, peakRssBytes }` as one JSON line. `ms` runs from the first
 * request to the last output item; starting Node is not counted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const jobs = createRequire(import.meta.url)('./jobs.cjs');

const { job, config, ids } = JSON.parse(readFileSync(process.argv[2], 'utf8'));

async function send({ method, url, qs, headers = {}, body }) {
	const target = new URL(url);
	for (const [key, value] of Object.entries(qs ?? {}))
		target.searchParams.append(key, String(value));
	const response = await fetch(target, {
		method,
		headers: {
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const started = performance.now();
let items;
if (job === 'os1') {
	const users = await jobs.os1(send, config, ids);
	items = users.map((user, index) => {
		if (!user) throw new Error(`OS1 returned nothing for ${ids[index]}`);
		return { json: { ...user }, pairedItem: { item: index } };
	});
} else {
	const users = await jobs[job](send, config);
	items = new Array(users.length);
	for (let i = 0; i < users.length; i++) items[i] = { json: users[i], pairedItem: { item: 0 } };
}
const ms = Math.round(performance.now() - started);
const distinct = new Set(items.map(({ json }) => json.id ?? json.Id ?? json.userId)).size;
console.log(
	JSON.stringify({
		ms,
		items: items.length,
		distinct,
		peakRssBytes: process.resourceUsage().maxRSS * 1024,
	}),
);
