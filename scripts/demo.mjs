#!/usr/bin/env node
/**
 * `npm run demo`: builds the package, starts the vendor sandboxes with one shared cast of
 * people, prepares a real n8n with credentials for them and the example workflows, runs each
 * example once and prints what it did, then opens the n8n editor until Ctrl-C.
 * `npm run demo -- --headless` stops after the examples.
 * `npm run demo -- --queue` does the same in queue mode (scripts/queue.mjs): PostgreSQL, Redis,
 * an n8n main and two workers; each example is started through the main by a webhook, runs on
 * a worker, and its result is read from PostgreSQL.
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
import {
	asWebhookWorkflow,
	OWNER as QUEUE_OWNER,
	ranOn,
	startQueue,
	withCredentials,
} from './queue.mjs';
import { CREDENTIALS, loadExamples, stage } from './stage.mjs';

const { values } = parseArgs({
	options: {
		headless: { type: 'boolean', default: false },
		port: { type: 'string', default: '5678' },
		users: { type: 'string', default: '60' },
		latency: { type: 'string', default: '20' },
		'n8n-line': { type: 'string', default: '2' },
		queue: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h' },
	},
});
if (values.help) {
	console.log(
		`Usage: npm run demo -- [--headless] [--queue] [--port 5678] [--users 60] [--latency 20] [--n8n-line 2|1]\n` +
			`  --queue  n8n in queue mode: PostgreSQL + Redis + main + 2 workers (Debian: apt-get install -y postgresql redis-server)`,
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
const backend = values.queue ? await queueBackend() : await singleBackend();
const { sandboxes } = backend;
for (const [name, sandbox] of Object.entries(sandboxes))
	note(`${name.padEnd(6)} sandbox on ${sandbox.url}`);

let failed = false;
const run = async (example, printer) => {
	const workflow = examples[example];
	say(`${workflow.name}`);
	const result = await backend.run(example);
	if (!result.ok) {
		failed = true;
		note(`✗ failed: ${result.error}`);
		return;
	}
	printer(result.run);
	note(`✓ ${(result.ms / 1000).toFixed(1)} s ${result.where}`);
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

if (values.headless) {
	await backend.close();
	process.exit(failed ? 1 : 0);
}
await backend.openEditor();

/** One n8n process on SQLite: examples run with `n8n execute`, then the editor. */
async function singleBackend() {
	const staged = await stage({
		dir: path.join(REPO_ROOT, '.demo'),
		line: values['n8n-line'],
		workflows: Object.values(examples),
		users: Number(values.users),
		latencyMs: Number(values.latency),
		log: note,
	});
	const { runtime, folder } = staged;
	let editor;
	const close = async () => {
		await stop(editor?.child);
		await staged.close();
	};
	const shutdown = async () => {
		await close();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
	return {
		sandboxes: staged.sandboxes,
		close,
		async run(example) {
			const result = await executeWorkflow(runtime, folder, examples[example].id);
			return { ...result, where: `in n8n ${runtime.version}` };
		},
		async openEditor() {
			say(`starting the n8n editor on http://localhost:${values.port}`);
			editor = await startEditor(runtime, folder, { port: Number(values.port) });
			await setUpOwner(editor.base, OWNER);
			note(
				`open http://localhost:${values.port} and sign in as ${OWNER.email} / ${OWNER.password}`,
			);
			note(
				'the three example workflows and the sandbox credentials are ready; Ctrl-C stops everything',
			);
		},
	};
}

/**
 * n8n in queue mode: examples imported as they are (inactive) and as webhook-started copies
 * (active), run through the main, results read from PostgreSQL. Ctrl-C stops everything.
 */
async function queueBackend() {
	const cluster = await startQueue({
		sandboxOptions: { users: Number(values.users), latencyMs: Number(values.latency) },
		// Headless, nobody opens the editor: any free port will do.
		mainPort: values.headless ? undefined : Number(values.port),
		log: note,
	});
	const credentials = {};
	for (const [vendor, { id, name, type }] of Object.entries(CREDENTIALS))
		credentials[id] = await cluster.createCredential(
			name,
			type,
			cluster.sandboxes[vendor].credentialData(),
		);
	const ids = {};
	for (const [key, example] of Object.entries(examples)) {
		await cluster.createWorkflow(withCredentials(example, credentials), { activate: false });
		ids[key] = await cluster.createWorkflow(
			withCredentials(
				asWebhookWorkflow({ ...example, name: `${example.name} (webhook)` }, `demo-${key}`),
				credentials,
			),
		);
	}
	note(`main ${cluster.main.base}, workers ${cluster.workers.map((w) => w.name).join(' and ')}`);
	return {
		sandboxes: cluster.sandboxes,
		close: cluster.stop,
		async run(example) {
			const after = await cluster.lastExecutionId();
			const response = await cluster.callWebhook(`demo-${example}`);
			if (response.status !== 200)
				return { ok: false, error: `webhook answered ${response.status}: ${response.body}` };
			const [execution] = await cluster.waitForExecutions({ after, workflowId: ids[example] });
			const ok = response.status === 200 && execution.status === 'success';
			const error =
				execution.data?.resultData?.error?.message ??
				`${execution.status} (HTTP ${response.status})`;
			return {
				ok,
				error: ok ? undefined : error,
				run: { data: execution.data },
				ms: new Date(execution.stoppedAt) - new Date(execution.startedAt),
				where: `on ${ranOn(execution.data)}, execution ${execution.id} in PostgreSQL`,
			};
		},
		async openEditor() {
			say(`n8n in queue mode: the editor is on ${cluster.main.base}`);
			note(`sign in as ${QUEUE_OWNER.email} / ${QUEUE_OWNER.password}`);
			note(
				'the examples (and webhook-started copies, which run on the workers) are ready; Ctrl-C stops everything',
			);
		},
	};
}

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
