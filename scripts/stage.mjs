/**
 * Everything the demo, the end-to-end tests and the benchmarks share: a real n8n with our
 * built package, the vendor sandboxes seeded with one shared cast of people, credentials
 * pointing at them, and workflows imported.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { loadVendors, startSandboxes } from '../sandbox/index.mjs';
import { importCredentials, importWorkflows, prepareUserFolder, REPO_ROOT } from './n8n-cli.mjs';
import { ensureRuntime } from './n8n-runtime.mjs';

/** The credential every example refers to, per vendor (ids as in `examples/*.json`). */
export const CREDENTIALS = {
	alo: { id: 'workforceAloApi', name: 'ĀLO account', type: 'aloApi' },
	alvys: { id: 'workforceAlvysApi', name: 'Alvys account', type: 'alvysApi' },
	os1: { id: 'workforceOs1Api', name: 'OS1 account', type: 'os1Api' },
};

const PACKAGE_PREFIX = 'n8n-nodes-workforce-users.';

/** Example workflows as shipped (package node types), keyed by file name. */
export function loadExamples() {
	const dir = path.join(REPO_ROOT, 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => [
				file.replace(/\.json$/, ''),
				JSON.parse(readFileSync(path.join(dir, file), 'utf8')),
			]),
	);
}

/** n8n types nodes loaded from N8N_CUSTOM_EXTENSIONS as `CUSTOM.<name>`, not by package. */
export function asCustomExtension(workflow) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith(PACKAGE_PREFIX)
				? { ...node, type: `CUSTOM.${node.type.slice(PACKAGE_PREFIX.length)}` }
				: node,
		),
	};
}

/**
 * Starts the sandboxes and prepares an n8n user folder with credentials for them and the
 * given workflows imported. Returns what callers need to run and inspect things.
 *
 * @param {{ dir: string, line?: string, workflows?: object[], users?: number, latencyMs?: number,
 *   ports?: Record<string, number>, sandboxOptions?: object, perVendor?: Record<string, object>,
 *   log?: (message: string) => void }} options
 */
export async function stage({
	dir,
	line = '2',
	workflows = [],
	users = 60,
	latencyMs = 0,
	ports = {},
	sandboxOptions = {},
	perVendor: vendorOptions = {},
	log = () => undefined,
}) {
	if (!existsSync(path.join(REPO_ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run `npm run build` first');
	log('preparing n8n (installed once into the cache, then reused)');
	const runtime = ensureRuntime({ line });
	log(`starting sandboxes (${users} people, ${latencyMs} ms latency)`);
	const vendors = await loadVendors();
	const names = ['alo', 'alvys', 'os1'];
	const perVendor = Object.fromEntries(
		names.map((name) => [
			name,
			{ ...(ports[name] ? { port: ports[name] } : {}), ...(vendorOptions[name] ?? {}) },
		]),
	);
	const sandboxes = await startSandboxes(names, { users, latencyMs, ...sandboxOptions }, perVendor);
	const folder = await prepareUserFolder(runtime, dir);
	log(`importing credentials and ${workflows.length} workflows into n8n ${runtime.version}`);
	await importCredentials(
		runtime,
		folder,
		names.map((name) => ({
			...CREDENTIALS[name],
			data: vendors[name].credentials(sandboxes[name]),
		})),
	);
	if (workflows.length) await importWorkflows(runtime, folder, workflows.map(asCustomExtension));
	return {
		runtime,
		folder,
		sandboxes,
		async close() {
			await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close()));
		},
	};
}
