/**
 * What bench/run.mjs and bench/profile.mjs share: a built package, the sandboxes with latency,
 * a real n8n user folder holding our package and the bench-only platform-floor node, the
 * header credentials the HTTP Request node uses, and one function per way of running a job
 * (a workflow in n8n, or the physical floor in plain Node).
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { loadVendors } from '../sandbox/index.mjs';
import {
	executeWorkflow,
	importCredentials,
	importWorkflows,
	nodeOutput,
	PACKAGE_NAME,
	REPO_ROOT,
} from '../scripts/n8n-cli.mjs';
import { asCustomExtension, stage } from '../scripts/stage.mjs';
import { HEADER_CREDENTIALS } from './workflows.mjs';

const BENCH_DIR = path.join(REPO_ROOT, 'bench');
const PHYSICAL = path.join(BENCH_DIR, 'floor', 'physical.mjs');
const run = promisify(execFile);

/** The node whose execution time is measured, and the node whose output is counted, per side. */
export const NODES = {
	ours: { timed: 'Ours', output: 'Ours' },
	http: { timed: 'HTTP Request', output: 'Split Out' },
	platform: { timed: 'Floor', output: 'Floor' },
};

/** People to seed so that the ĀLO sandbox holds at least `users` users (1 in 13 has none). */
export const aloPeopleFor = (users) => Math.ceil((users * 13) / 12);
/** Same for OS1 (1 in 17 has no OS1 user). */
export const os1PeopleFor = (users) => Math.ceil((users * 17) / 16) + 1;

/**
 * Builds the package, starts the sandboxes, prepares n8n. Returns what the runners need.
 * @param {{ latencyMs: number, aloUsers: number, alvysPeople?: number, os1Users: number,
 *   dist?: string, log: (message: string) => void }} options
 */
export async function setUpBench({
	latencyMs,
	aloUsers,
	alvysPeople = 5_500,
	os1Users,
	dist,
	log,
}) {
	// `dist`: a copy of another build to measure (A/B between versions of the package);
	// otherwise the package is built from the working tree.
	if (!dist) {
		const build = spawnSync('npx', ['n8n-node', 'build'], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		if (build.status !== 0) throw new Error('n8n-node build failed');
	}

	const staged = await stage({
		dir: path.join(BENCH_DIR, '.runs', 'n8n'),
		latencyMs,
		perVendor: {
			alo: { users: aloPeopleFor(aloUsers) },
			alvys: { users: alvysPeople },
			os1: { users: os1PeopleFor(os1Users) },
		},
		log,
	});
	const { runtime, folder, sandboxes } = staged;
	if (dist) {
		const link = path.join(folder.dir, 'extensions', PACKAGE_NAME, 'dist');
		rmSync(link, { recursive: true, force: true });
		symlinkSync(path.resolve(dist), link);
		log(`measuring the build in ${dist}`);
	}
	// The platform floor sits next to our package, so n8n loads it as CUSTOM.benchFloor.
	const floorDir = path.join(folder.dir, 'extensions', 'bench-floor');
	rmSync(floorDir, { recursive: true, force: true });
	cpSync(path.join(BENCH_DIR, 'floor'), floorDir, {
		recursive: true,
		filter: (source) => !source.endsWith('physical.mjs'),
	});

	// What a user of the HTTP Request node would set up: a header credential per vendor.
	// The physical floor gets the same tokens: fetching one is not part of any job.
	const tokens = {
		alvys: await fetchAlvysToken(sandboxes.alvys),
		os1: await fetchOs1Token(sandboxes.os1),
	};
	await importCredentials(runtime, folder, [
		{
			...HEADER_CREDENTIALS.alo,
			data: { name: 'Authorization', value: `Bearer ${sandboxes.alo.options.apiKey}` },
		},
		{
			...HEADER_CREDENTIALS.alvys,
			data: { name: 'Authorization', value: `Bearer ${tokens.alvys}` },
		},
		{ ...HEADER_CREDENTIALS.os1, data: { name: 'X-COREOS-ACCESS', value: tokens.os1 } },
	]);
	const vendors = await loadVendors();
	return {
		runtime,
		folder,
		sandboxes,
		vendors,
		tokens,
		close: staged.close,
		importWorkflows: async (workflows) =>
			await importWorkflows(runtime, folder, workflows.map(asCustomExtension)),
	};
}

/**
 * Runners for one bench: `n8n(job, side)` runs the side's workflow in n8n, `physical(job)` the
 * physical floor; both return one sample. `nodeOptions` is added to the n8n process (e.g.
 * `--cpu-prof`). A job is `{ key, sandbox, workflows, ids? }`.
 */
export function createRunners(bench, { nodeOptions = '', log = () => undefined } = {}) {
	const { runtime, folder, vendors, tokens } = bench;
	const rssFile = path.join(folder.dir, 'rss.json');
	const measured = {
		...folder,
		env: {
			...folder.env,
			NODE_OPTIONS: `--require ${path.join(BENCH_DIR, 'rss.cjs')} ${nodeOptions}`.trim(),
			BENCH_RSS_FILE: rssFile,
		},
	};

	const requestsOf = (sandbox) =>
		sandbox.log.filter((entry) => !entry.path.includes('/oauth/') && !entry.path.includes('/aaa/'));

	async function n8n(job, side, attempt = 1) {
		const workflow = job.workflows[side];
		job.sandbox.clearLog();
		rmSync(rssFile, { force: true });
		const result = await executeWorkflow(runtime, measured, workflow.id);
		if (!result.ok) {
			const message = `${workflow.name} failed: ${result.error}`;
			// On a crowded machine n8n has been seen exiting non-zero after a successful run
			// (killed at exit); one failure is logged and run again, a second one ends the bench.
			if (attempt > 1) throw new Error(message);
			log(`${message}\n(running it again)`);
			return await n8n(job, side, attempt + 1);
		}
		const { run } = result;
		const task = run.data.resultData.runData[NODES[side].timed][0];
		const out = nodeOutput(run, NODES[side].output);
		const calls = requestsOf(job.sandbox);
		const process = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : undefined;
		return {
			wallMs: Date.parse(run.stoppedAt) - Date.parse(run.startedAt),
			nodeMs: task.executionTime,
			requests: calls.length,
			status429: calls.filter((entry) => entry.status === 429).length,
			items: out.length,
			distinct: new Set(out.map((item) => item.id ?? item.Id ?? item.userId)).size,
			peakPerSecond: peakPerSecond(calls),
			peakRssBytes: process?.peakRssBytes,
			// For bench/profile.mjs: where the node ran on the n8n process's clocks.
			trace: { nodeStartEpochMs: task.startTime, nodeMs: task.executionTime, process },
		};
	}

	async function physical(job) {
		job.sandbox.clearLog();
		const file = path.join(folder.dir, `physical-${job.key}.json`);
		const vendor = job.vendor ?? job.key;
		const config = { ...vendors[vendor].credentials(job.sandbox), accessToken: tokens[vendor] };
		writeFileSync(file, JSON.stringify({ job: vendor, config, ids: job.ids }));
		const { stdout } = await run(runtime.nodeBin, [PHYSICAL, file], {
			maxBuffer: 16 * 2 ** 20,
			env: { PATH: process.env.PATH },
		});
		const out = JSON.parse(stdout.trim().split('\n').at(-1));
		const calls = requestsOf(job.sandbox);
		return {
			wallMs: out.ms,
			nodeMs: out.ms,
			requests: calls.length,
			status429: calls.filter((entry) => entry.status === 429).length,
			items: out.items,
			distinct: out.distinct,
			peakPerSecond: peakPerSecond(calls),
			peakRssBytes: out.peakRssBytes,
		};
	}

	return {
		n8n,
		physical,
		measure: async (job, side) =>
			side === 'physical' ? await physical(job) : await n8n(job, side),
	};
}

export function peakPerSecond(entries) {
	const times = entries.map((e) => e.t).sort((a, b) => a - b);
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
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
