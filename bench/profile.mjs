#!/usr/bin/env node
/**
 * `node bench/profile.mjs`: where the time of one node execution goes inside n8n. Runs a bench
 * job in a real n8n with `--cpu-prof`, keeps only the CPU samples taken while the node ran
 * (its start time and duration from the run data, mapped onto the profile's monotonic clock),
 * and sorts them into what the time was spent on: credential resolution, expression
 * evaluation, the HTTP client (axios), JSON, our node's code, n8n's execution engine, garbage
 * collection, waiting. Writes bench/profile.json and prints markdown.
 *
 *   node bench/profile.mjs [--jobs alo,os1] [--sides ours,platform] [--latency 0] [--runs 3]
 *     [--alo-users 10000] [--interval 250] [--dist <build>] [--out bench/profile.json]
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { REPO_ROOT } from '../scripts/n8n-cli.mjs';
import { createRunners, setUpBench } from './setup.mjs';
import { aloWorkflows, alvysWorkflows, os1Workflows } from './workflows.mjs';

const { values } = parseArgs({
	options: {
		jobs: { type: 'string', default: 'alo,os1' },
		sides: { type: 'string', default: 'ours,platform' },
		latency: { type: 'string', default: '0' },
		runs: { type: 'string', default: '3' },
		top: { type: 'string', default: '20' },
		interval: { type: 'string', default: '250' },
		out: { type: 'string', default: path.join(REPO_ROOT, 'bench', 'profile.json') },
		dist: { type: 'string' },
		'alo-users': { type: 'string', default: '10000' },
	},
});
const JOBS = values.jobs.split(',').filter(Boolean);
const SIDES = values.sides.split(',').filter(Boolean);
const RUNS = Number(values.runs);
const log = (message) => console.error(`[profile] ${message}`);

const OUR_DIST = realpathSync(values.dist ?? path.join(REPO_ROOT, 'dist'));

/**
 * Categories, in the order they claim a sample. Leaf rules look at the sampled function
 * only; stack rules claim a sample when any frame on its stack matches (so the expression
 * engine called from a credential lookup counts as credential resolution).
 */
const LEAF_RULES = [
	['garbage collection', (f) => f.functionName === '(garbage collector)'],
	['idle (waiting for the network)', (f) => f.functionName === '(idle)'],
	['JSON parse / stringify', (f) => !f.url && /^(parse|stringify)$/.test(f.functionName)],
];
const STACK_RULES = [
	[
		'credential resolution',
		(f) =>
			/credentials-helper|\/credentials\.js$|cipher|@n8n\/typeorm|typeorm|sqlite/.test(f.url) ||
			/^(getCredentials|getDecrypted|getCredentialsEntity|applyDefaultsAndOverwrites|preAuthentication|authenticate)$/.test(
				f.functionName,
			),
	],
	[
		'expression evaluation',
		(f) => /expression|isolated-vm|workflow-data-proxy|@n8n\/tournament|riot-tmpl/.test(f.url),
	],
	[
		'HTTP client (axios, sockets)',
		(f) =>
			/axios|follow-redirects|backend-network|form-data|proxy-from-env|node:_http|node:net|node:internal\/(http|net|stream)|node:stream|node:zlib/.test(
				f.url,
			),
	],
	['our node', (f) => f.url.includes(OUR_DIST)],
	['platform floor node', (f) => f.url.includes('bench-floor')],
	['n8n execution engine', (f) => /n8n-core|n8n-workflow|\/n8n\/dist/.test(f.url)],
];

function classify(stack) {
	const leaf = stack[0];
	for (const [name, test] of LEAF_RULES) if (test(leaf)) return name;
	for (const [name, test] of STACK_RULES) if (stack.some(test)) return name;
	if (leaf.functionName === '(program)') return 'V8 / native (program)';
	return 'other (Node.js internals, libraries)';
}

const shortUrl = (url) =>
	url
		.replace(/^file:\/\//, '')
		.replace(OUR_DIST, 'OUR dist')
		.replace(/^.*node_modules\//, '')
		.replace(/^.*bench-floor\//, 'bench-floor/');

/** Samples of `profile` inside [fromUs, toUs) on its clock: ms per category and per function. */
function analyse(profile, fromUs, toUs) {
	const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const stackOf = new Map();
	const stack = (id) => {
		if (!stackOf.has(id)) {
			const frames = [];
			for (let at = id; at !== undefined; at = parent.get(at)) frames.push(nodes.get(at).callFrame);
			stackOf.set(id, frames);
		}
		return stackOf.get(id);
	};
	const categories = new Map();
	const functions = new Map();
	let t = profile.startTime;
	let totalUs = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		// A sample stands for the time until the next one.
		const span = profile.timeDeltas[i + 1] ?? 0;
		if (t < fromUs || t >= toUs) continue;
		const frames = stack(profile.samples[i]);
		const category = classify(frames);
		categories.set(category, (categories.get(category) ?? 0) + span);
		const leaf = frames[0];
		const key = `${leaf.functionName || '(anonymous)'} ${shortUrl(leaf.url)}${leaf.url ? `:${leaf.lineNumber + 1}` : ''}`;
		const entry = functions.get(key) ?? { us: 0, category };
		entry.us += span;
		functions.set(key, entry);
		totalUs += span;
	}
	return { categories, functions, totalUs };
}

const bench = await setUpBench({
	latencyMs: Number(values.latency),
	aloUsers: Number(values['alo-users']),
	os1Users: 1_000,
	dist: values.dist,
	log,
});
const { sandboxes } = bench;
const os1Ids = sandboxes.os1.state.users.slice(0, 1000).map((u) => u.id);
const jobs = {
	alo: {
		key: 'alo',
		title: `ĀLO list ${sandboxes.alo.state.users.length.toLocaleString('en-US')} users`,
		sandbox: sandboxes.alo,
		workflows: aloWorkflows(sandboxes.alo.url),
	},
	alvys: {
		key: 'alvys',
		title: 'Alvys list 5,000 users',
		sandbox: sandboxes.alvys,
		workflows: alvysWorkflows(sandboxes.alvys.url),
	},
	os1: {
		key: 'os1',
		title: 'OS1 emails for 1,000 input items',
		sandbox: sandboxes.os1,
		ids: os1Ids,
		workflows: os1Workflows(sandboxes.os1.url, os1Ids, sandboxes.os1.options.tenantId),
	},
};
await bench.importWorkflows(JOBS.flatMap((key) => Object.values(jobs[key].workflows)));

const profileDir = path.join(bench.folder.dir, 'cpu-profiles');
const plain = createRunners(bench, { log });
const profiled = createRunners(bench, {
	nodeOptions: `--cpu-prof --cpu-prof-dir=${profileDir} --cpu-prof-interval=${values.interval}`,
	log,
});

const report = {
	date: new Date().toISOString(),
	machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
	loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
	n8n: bench.runtime.version,
	latencyMs: Number(values.latency),
	runs: RUNS,
	samplingIntervalUs: Number(values.interval),
	profiles: [],
};
for (const key of JOBS) {
	const job = jobs[key];
	for (const side of SIDES) {
		await plain.n8n(job, side); // warm-up: a token fetched and stored, the database migrated
		const categories = new Map();
		const functions = new Map();
		let totalUs = 0;
		const nodeMs = [];
		let clockCheckUs;
		for (let i = 0; i < RUNS; i++) {
			rmSync(profileDir, { recursive: true, force: true });
			mkdirSync(profileDir, { recursive: true });
			const sample = await profiled.n8n(job, side);
			const { process, nodeStartEpochMs } = sample.trace;
			const file = readdirSync(profileDir).find((f) => f.includes(`.${process.pid}.`));
			const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8'));
			// The node's start on the monotonic clock V8 stamps samples with.
			const fromUs = process.monotonicUs - (process.epochMs - nodeStartEpochMs) * 1000;
			const toUs = fromUs + sample.nodeMs * 1000;
			clockCheckUs = profile.endTime - process.monotonicUs;
			const result = analyse(profile, fromUs, toUs);
			for (const [name, us] of result.categories)
				categories.set(name, (categories.get(name) ?? 0) + us);
			for (const [name, entry] of result.functions) {
				const sum = functions.get(name) ?? { us: 0, category: entry.category };
				sum.us += entry.us;
				functions.set(name, sum);
			}
			totalUs += result.totalUs;
			nodeMs.push(sample.nodeMs);
			log(
				`${job.title} ${side} #${i + 1}: node ${sample.nodeMs} ms, ${Math.round(result.totalUs / 1000)} ms of samples`,
			);
		}
		const ms = (us) => Math.round(us / RUNS / 100) / 10;
		const requests = job.sandbox.log.length;
		report.profiles.push({
			job: key,
			title: job.title,
			side,
			nodeMs,
			requests,
			sampledMsPerRun: ms(totalUs),
			// Profile end minus the exit hook's clock reading: small when the clocks agree.
			clockCheckMs: Math.round(clockCheckUs / 1000),
			categories: [...categories]
				.sort((a, b) => b[1] - a[1])
				.map(([name, us]) => ({
					name,
					msPerRun: ms(us),
					share: Math.round((1000 * us) / totalUs) / 10,
					msPerRequest: Math.round((us / RUNS / 1000 / requests) * 100) / 100,
				})),
			top: [...functions]
				.sort((a, b) => b[1].us - a[1].us)
				.slice(0, Number(values.top))
				.map(([name, { us, category }]) => ({
					name,
					category,
					msPerRun: ms(us),
					share: Math.round((1000 * us) / totalUs) / 10,
				})),
		});
	}
}
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown(report));
await bench.close();

function markdown({ profiles, latencyMs, runs, loadAverage, samplingIntervalUs }) {
	const lines = [
		`${runs} profiled runs per row, ${latencyMs} ms latency, sampling every ${samplingIntervalUs} µs, load average ${loadAverage.join(' / ')} at the start. Time per run, inside the node's execution only.`,
	];
	for (const p of profiles) {
		lines.push(
			'',
			`**${p.title}, ${p.side}** (node time ${p.nodeMs.join(', ')} ms with the profiler on; ${p.requests} requests; clock check ${p.clockCheckMs} ms)`,
			'',
			'| Spent on | ms per run | Share | ms per request |',
			'|---|---|---|---|',
			...p.categories.map((c) => `| ${c.name} | ${c.msPerRun} | ${c.share}% | ${c.msPerRequest} |`),
			'',
			'| Top frames (self time) | Category | ms per run | Share |',
			'|---|---|---|---|',
			...p.top.map((f) => `| \`${f.name}\` | ${f.category} | ${f.msPerRun} | ${f.share}% |`),
		);
	}
	return lines.join('\n');
}
