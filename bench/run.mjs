#!/usr/bin/env node
/**
 * `npm run bench`: our nodes against n8n's HTTP Request node doing the same job, in a real
 * n8n, against the sandboxes with injected latency, in alternating A/B runs.
 * Writes bench/results.json and prints a markdown table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
	executeWorkflow,
	importCredentials,
	importWorkflows,
	nodeOutput,
	REPO_ROOT,
} from '../scripts/n8n-cli.mjs';
import { asCustomExtension, stage } from '../scripts/stage.mjs';
import { aloWorkflows, alvysWorkflows, HEADER_CREDENTIALS, os1Workflows } from './workflows.mjs';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		latency: { type: 'string', default: '50' },
		only: { type: 'string', default: 'alo,alvys,os1' },
		help: { type: 'boolean', short: 'h' },
	},
});
if (values.help) {
	console.log('Usage: npm run bench -- [--runs 5] [--latency 50] [--only alo,alvys,os1]');
	process.exit(0);
}
const RUNS = Number(values.runs);
const LATENCY = Number(values.latency);
const ONLY = new Set(values.only.split(','));
/** Our fan-out settings (see each getAll / lookup operation); the floors follow from them. */
const ALO_CONCURRENCY = 16;
const OS1_CONCURRENCY = 16;
const log = (message) => console.error(`[bench] ${message}`);

const build = spawnSync('npx', ['n8n-node', 'build'], {
	cwd: REPO_ROOT,
	stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(1);

// People counts that give 10,000 ĀLO users, 5,000 Alvys users and ≥ 1,000 OS1 users.
const staged = await stage({
	dir: path.join(REPO_ROOT, 'bench', '.runs', 'n8n'),
	latencyMs: LATENCY,
	perVendor: { alo: { users: 10_834 }, alvys: { users: 5_500 }, os1: { users: 1_100 } },
	log,
});
const { runtime, folder, sandboxes } = staged;
log(
	`ĀLO ${sandboxes.alo.state.users.length} users, Alvys ${sandboxes.alvys.state.users.length}, OS1 ${sandboxes.os1.state.users.length}`,
);

// What a user of the HTTP Request node would set up: a header credential per vendor.
const alvysToken = await fetchAlvysToken(sandboxes.alvys);
const os1Token = await fetchOs1Token(sandboxes.os1);
await importCredentials(runtime, folder, [
	{
		...HEADER_CREDENTIALS.alo,
		data: { name: 'Authorization', value: `Bearer ${sandboxes.alo.options.apiKey}` },
	},
	{ ...HEADER_CREDENTIALS.alvys, data: { name: 'Authorization', value: `Bearer ${alvysToken}` } },
	{ ...HEADER_CREDENTIALS.os1, data: { name: 'X-COREOS-ACCESS', value: os1Token } },
]);

const os1Ids = sandboxes.os1.state.users.slice(0, 1000).map((u) => u.id);
const jobs = [
	{
		key: 'alo',
		title: 'ĀLO list 10,000 users',
		sandbox: sandboxes.alo,
		...aloWorkflows(sandboxes.alo.url),
		oursNode: 'Ours',
		httpNode: 'Split Out',
	},
	{
		key: 'alvys',
		title: 'Alvys list 5,000 users (10 req/s per token)',
		sandbox: sandboxes.alvys,
		...alvysWorkflows(sandboxes.alvys.url),
		oursNode: 'Ours',
		httpNode: 'Split Out',
	},
	{
		key: 'os1',
		title: 'OS1 emails for 1,000 input items',
		sandbox: sandboxes.os1,
		...os1Workflows(sandboxes.os1.url, os1Ids, sandboxes.os1.options.tenantId),
		oursNode: 'Ours',
		httpNode: 'Split Out',
	},
].filter((job) => ONLY.has(job.key));
await importWorkflows(
	runtime,
	folder,
	jobs.flatMap((job) => [job.ours, job.http]).map(asCustomExtension),
);

const rssFile = path.join(folder.dir, 'rss.txt');
const measured = {
	...folder,
	env: {
		...folder.env,
		NODE_OPTIONS: `--require ${path.join(REPO_ROOT, 'bench', 'rss.cjs')}`,
		BENCH_RSS_FILE: rssFile,
	},
};

async function measure(job, side) {
	const workflow = job[side];
	job.sandbox.clearLog();
	rmSync(rssFile, { force: true });
	const result = await executeWorkflow(runtime, measured, workflow.id);
	if (!result.ok) throw new Error(`${workflow.name} failed: ${result.error}`);
	const run = result.run;
	const calls = job.sandbox.log.filter(
		(entry) => !entry.path.includes('/oauth/') && !entry.path.includes('/aaa/'),
	);
	const out = nodeOutput(run, side === 'ours' ? job.oursNode : job.httpNode);
	return {
		wallMs: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
		nodeMs: run.data.resultData.runData[side === 'ours' ? 'Ours' : 'HTTP Request'][0].executionTime,
		requests: calls.length,
		status429: calls.filter((entry) => entry.status === 429).length,
		items: out.length,
		distinct: new Set(out.map((item) => item.id ?? item.Id ?? item.userId)).size,
		peakPerSecond: peakPerSecond(calls),
		peakRssBytes: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined,
	};
}

const results = [];
for (const job of jobs) {
	log(`${job.title}: warm-up`);
	await measure(job, 'ours');
	await measure(job, 'http');
	const samples = { ours: [], http: [] };
	for (let i = 0; i < RUNS; i++) {
		// Alternate which side goes first, so drift in the machine does not favour one.
		for (const side of i % 2 === 0 ? ['ours', 'http'] : ['http', 'ours']) {
			const sample = await measure(job, side);
			samples[side].push(sample);
			log(
				`${job.title} #${i + 1} ${side}: ${sample.wallMs} ms, ${sample.requests} requests, ${sample.items} items`,
			);
		}
	}
	// What our node costs inside n8n with no network wait at all: the processing floor.
	const latency = job.sandbox.options.latencyMs;
	job.sandbox.options.latencyMs = 0;
	const unloaded = [];
	for (let i = 0; i < 3; i++) unloaded.push((await measure(job, 'ours')).nodeMs);
	job.sandbox.options.latencyMs = latency;
	const processingFloorMs = unloaded.sort((a, b) => a - b)[1];
	log(`${job.title}: ${processingFloorMs} ms with no latency`);
	results.push(summarise(job, samples, processingFloorMs));
}

const report = {
	date: new Date().toISOString(),
	machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
	n8n: runtime.version,
	latencyMs: LATENCY,
	runs: RUNS,
	results,
};
writeFileSync(
	path.join(REPO_ROOT, 'bench', 'results.json'),
	`${JSON.stringify(report, null, 2)}\n`,
);
console.log(markdown(report));
await staged.close();

function summarise(job, samples, processingFloorMs) {
	const stats = (side, key) => {
		const list = samples[side]
			.map((s) => s[key])
			.filter((v) => v !== undefined)
			.sort((a, b) => a - b);
		return { median: list[Math.floor(list.length / 2)], min: list[0], max: list[list.length - 1] };
	};
	const ours = Object.fromEntries(
		[
			'wallMs',
			'nodeMs',
			'requests',
			'status429',
			'items',
			'distinct',
			'peakPerSecond',
			'peakRssBytes',
		].map((k) => [k, stats('ours', k)]),
	);
	const http = Object.fromEntries(
		[
			'wallMs',
			'nodeMs',
			'requests',
			'status429',
			'items',
			'distinct',
			'peakPerSecond',
			'peakRssBytes',
		].map((k) => [k, stats('http', k)]),
	);
	const latencyFloorMs = latencyFloor(job.key, ours.requests.median);
	// Neither the network nor n8n's own processing can be skipped: the floor is the larger.
	const floorMs = Math.max(latencyFloorMs, processingFloorMs);
	const speedup = http.wallMs.median / ours.wallMs.median;
	const checks = targets(job.key, { ours, http, floorMs, latencyFloorMs, speedup });
	return {
		key: job.key,
		title: job.title,
		ours,
		http,
		latencyFloorMs,
		processingFloorMs,
		floorMs,
		speedup,
		checks,
	};
}

/** The least time our configuration can take at this latency. */
function latencyFloor(key, requests) {
	const rtt = LATENCY;
	if (key === 'alo') return (1 + Math.ceil((requests - 1) / ALO_CONCURRENCY)) * rtt;
	if (key === 'alvys') return (Math.ceil(requests / 10) - 1) * 1000 + rtt;
	return Math.ceil(requests / OS1_CONCURRENCY) * rtt;
}

function targets(key, { ours, http, floorMs, latencyFloorMs, speedup }) {
	const complete =
		ours.items.median === http.items.median && ours.distinct.median === ours.items.median;
	const checks = [
		{
			name: 'same items, complete, no duplicates',
			ok: complete,
			value: `${ours.items.median} vs ${http.items.median}`,
		},
	];
	if (key === 'alo') {
		checks.push({
			name: '≥ 4× faster than HTTP Request',
			ok: speedup >= 4,
			value: `${speedup.toFixed(1)}×`,
		});
		checks.push({
			name: '≤ 1.25× floor (node time; floor = max(latency, processing))',
			ok: ours.nodeMs.median <= 1.25 * floorMs,
			value: `${(ours.nodeMs.median / floorMs).toFixed(2)}×`,
		});
		checks.push({
			name: '(for reference) vs the latency floor alone',
			ok: ours.nodeMs.median <= 1.25 * latencyFloorMs,
			value: `${(ours.nodeMs.median / latencyFloorMs).toFixed(2)}×`,
		});
		const rss = ours.peakRssBytes.median / http.peakRssBytes.median;
		checks.push({
			name: 'peak RSS ≤ 1.5× HTTP Request',
			ok: rss <= 1.5,
			value: `${rss.toFixed(2)}×`,
		});
	}
	if (key === 'alvys') {
		checks.push({
			name: 'zero 429',
			ok: ours.status429.max === 0,
			value: String(ours.status429.max),
		});
		checks.push({
			name: '≤ 1.2× budget time (node time)',
			ok: ours.nodeMs.median <= 1.2 * latencyFloorMs,
			value: `${(ours.nodeMs.median / latencyFloorMs).toFixed(2)}×`,
		});
	}
	if (key === 'os1') {
		checks.push({
			name: '≤ 100 requests',
			ok: ours.requests.max <= 100,
			value: `${ours.requests.max} vs ${http.requests.median}`,
		});
		checks.push({
			name: '≥ 5× faster than HTTP Request',
			ok: speedup >= 5,
			value: `${speedup.toFixed(1)}×`,
		});
	}
	return checks;
}

function peakPerSecond(entries) {
	const times = entries.map((e) => e.t).sort((a, b) => a - b);
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

function markdown(report) {
	const mb = (b) => (b === undefined ? 'n/a' : `${Math.round(b / 2 ** 20)} MB`);
	const span = (s, unit = '') => `${s.median}${unit} (${s.min}–${s.max})`;
	const lines = [
		`Machine: ${report.machine}; n8n ${report.n8n}; ${report.latencyMs} ms latency per request; ${report.runs} alternating runs per side; ${report.date.slice(0, 10)}.`,
		'',
		'| Job | Side | Workflow wall, median (min–max) | Node time | HTTP requests | 429s | Peak req/s | Peak RSS | Items out | Latency floor | Processing floor |',
		'|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const r of report.results) {
		for (const side of ['ours', 'http']) {
			const s = r[side];
			lines.push(
				`| ${side === 'ours' ? r.title : ''} | ${side === 'ours' ? 'our node' : 'HTTP Request'} | ${span(s.wallMs, ' ms')} | ${s.nodeMs.median} ms | ${s.requests.median} | ${s.status429.max} | ${s.peakPerSecond.median} | ${mb(s.peakRssBytes.median)} | ${s.items.median} | ${side === 'ours' ? `${r.latencyFloorMs} ms` : ''} | ${side === 'ours' ? `${r.processingFloorMs} ms` : ''} |`,
			);
		}
	}
	lines.push('', '| Job | Target | Result | Met |', '|---|---|---|---|');
	for (const r of report.results)
		for (const c of r.checks)
			lines.push(`| ${r.title} | ${c.name} | ${c.value} | ${c.ok ? 'yes' : '**no**'} |`);
	return lines.join('\n');
}

async function fetchAlvysToken(sandbox) {
	const response = await fetch(`${sandbox.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			client_id: sandbox.options.clientId,
			client_secret: sandbox.options.clientSecret,
			audience: 'https://api.alvys.com/public/',
			grant_type: 'client_credentials',
		}),
	});
	return (await response.json()).access_token;
}

async function fetchOs1Token(sandbox) {
	const response = await fetch(`${sandbox.url}/core/api/v1/aaa/auth/client-credentials`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-coreos-request-id': 'bench' },
		body: JSON.stringify({
			clientId: sandbox.options.clientId,
			clientSecret: sandbox.options.clientSecret,
			audience: 'platform:app:coreos',
		}),
	});
	return (await response.json()).data.accessToken;
}
