#!/usr/bin/env node
/**
 * `npm run demo`: builds the package, starts the vendor sandboxes with one shared cast of
 * people, prepares a real n8n with credentials for them and the example workflows, runs each
 * example once and prints what it did, then opens the n8n editor until Ctrl-C.
 * `npm run demo -- --headless` stops after the examples.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

import {
	executeWorkflow,
	nodeOutput,
	REPO_ROOT,
	setUpOwner,
	startEditor,
	stop,
} from './n8n-cli.mjs';
import { loadExamples, stage } from './stage.mjs';

const { values } = parseArgs({
	options: {
		headless: { type: 'boolean', default: false },
		port: { type: 'string', default: '5678' },
		users: { type: 'string', default: '60' },
		latency: { type: 'string', default: '20' },
		'n8n-line': { type: 'string', default: '2' },
		help: { type: 'boolean', short: 'h' },
	},
});
if (values.help) {
	console.log(
		`Usage: npm run demo -- [--headless] [--port 5678] [--users 60] [--latency 20] [--n8n-line 2|1]`,
	);
	process.exit(0);
}

const OWNER = {
	email: 'demo@workforce-users.local',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Workforce-Demo-1',
};
const say = (message) => console.log(`\n▶ ${message}`);
const note = (message) => console.log(`  ${message}`);

say('building the package');
const build = spawnSync('npx', ['n8n-node', 'build'], {
	cwd: REPO_ROOT,
	stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const examples = loadExamples();
const staged = await stage({
	dir: path.join(REPO_ROOT, '.demo'),
	line: values['n8n-line'],
	workflows: Object.values(examples),
	users: Number(values.users),
	latencyMs: Number(values.latency),
	log: note,
});
const { runtime, folder, sandboxes } = staged;
for (const [name, sandbox] of Object.entries(sandboxes))
	note(`${name.padEnd(6)} sandbox on ${sandbox.url}`);

let editor;
const shutdown = async (code) => {
	await stop(editor?.child);
	await staged.close();
	process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

let failed = false;
const run = async (example, printer) => {
	const workflow = examples[example];
	say(`${workflow.name}`);
	const result = await executeWorkflow(runtime, folder, workflow.id);
	if (!result.ok) {
		failed = true;
		note(`✗ failed: ${result.error}`);
		return;
	}
	printer(result.run);
	note(`✓ ${(result.ms / 1000).toFixed(1)} s in n8n ${runtime.version}`);
};

await run('onboarding', (output) => {
	const [summary] = nodeOutput(output, 'Summary');
	for (const [key, value] of Object.entries(summary ?? {})) note(`${key.padEnd(22)} ${value}`);
});

// Somebody leaves: their Alvys account is disabled, so the offboarding has work to do.
const leaver = findLeaver(sandboxes);
if (leaver) {
	sandboxes.alvys.mutate({ op: 'setStatus', status: 'Disabled', id: leaver.Id });
	note(`(${leaver.Name} was just disabled in Alvys)`);
}
await run('offboarding', (output) => {
	for (const row of nodeOutput(output, 'Offboarding report')) {
		note(
			`${row.system.padEnd(5)} ${String(row.person).padEnd(24)} ${String(row.alvysStatus).padEnd(9)} → ${row.result}`,
		);
	}
});

await run('directory-sync', (output) => {
	const rows = nodeOutput(output, 'Who is missing or inactive where');
	note(`${rows.length} people need attention, e.g.:`);
	for (const row of rows.slice(0, 8))
		note(`${String(row.name).padEnd(24)} ${row.issues.join(', ')}`);
});

if (values.headless) await shutdown(failed ? 1 : 0);

say(`starting the n8n editor on http://localhost:${values.port}`);
editor = await startEditor(runtime, folder, { port: Number(values.port) });
await setUpOwner(editor.base, OWNER);
note(`open http://localhost:${values.port} and sign in as ${OWNER.email} / ${OWNER.password}`);
note('the three example workflows and the sandbox credentials are ready; Ctrl-C stops everything');

/** An active Alvys user who is also active in ĀLO and OS1. */
function findLeaver({ alo, alvys, os1 }) {
	const aloPhones = new Set(alo.state.users.filter((u) => u.is_active).map((u) => u.phone_number));
	const os1Emails = new Set(
		os1.state.users.filter((u) => u.state.startsWith('active')).map((u) => u.email),
	);
	return alvys.state.users.find(
		(u) => u.Status === 'Active' && aloPhones.has(u.Phone) && os1Emails.has(u.Email),
	);
}
