/**
 * Drives a real n8n headless: a scratch user folder holding only our built package as a
 * custom extension, credentials and workflows imported with n8n's CLI, workflows run with
 * `n8n execute --id`, and the editor started with an owner account.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import {
	closeSync,
	cpSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_NAME = 'n8n-nodes-workforce-users';

/**
 * A fresh n8n user folder under `dir`, and the environment every n8n command gets. n8n loads
 * every `*.node.js` under N8N_CUSTOM_EXTENSIONS, so that folder holds our package only.
 */
export async function prepareUserFolder(runtime, dir, { fresh = true } = {}) {
	if (fresh) rmSync(dir, { recursive: true, force: true });
	const extensions = path.join(dir, 'extensions', PACKAGE_NAME);
	mkdirSync(extensions, { recursive: true });
	cpSync(path.join(REPO_ROOT, 'package.json'), path.join(extensions, 'package.json'));
	rmSync(path.join(extensions, 'dist'), { recursive: true, force: true });
	symlinkSync(path.join(REPO_ROOT, 'dist'), path.join(extensions, 'dist'));
	const env = runtime.env({
		N8N_USER_FOLDER: dir,
		N8N_CUSTOM_EXTENSIONS: path.dirname(extensions),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_ENCRYPTION_KEY: 'workforce-users-local-only',
		// The task runners' broker defaults to 5679, which another n8n on this machine may hold.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		DB_SQLITE_POOL_SIZE: '2',
		NODE_OPTIONS: '',
	});
	return { dir, env };
}

/** A TCP port nothing listens on right now. */
async function freePort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * Runs an n8n CLI command; resolves with its output whatever the exit code. stdout goes to a
 * file, not a pipe: n8n exits right after printing a run, and a large run written to a pipe
 * would be cut off, while writes to a file complete before the process ends.
 */
export function n8n(runtime, folder, args, { quiet = true } = {}) {
	const outFile = path.join(
		folder.dir,
		`stdout-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`,
	);
	const out = openSync(outFile, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
			env: folder.env,
			cwd: folder.dir,
			stdio: ['ignore', out, 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (!quiet) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			closeSync(out);
			const stdout = readFileSync(outFile, 'utf8');
			rmSync(outFile, { force: true });
			resolve({ code, stdout, stderr });
		});
	});
}

async function importJson(runtime, folder, kind, data) {
	const file = path.join(folder.dir, `import-${kind}-${Date.now()}.json`);
	writeFileSync(file, JSON.stringify(data));
	const result = await n8n(runtime, folder, [`import:${kind}`, `--input=${file}`]);
	rmSync(file, { force: true });
	if (result.code !== 0)
		throw new Error(`n8n import:${kind} failed:\n${result.stderr || result.stdout}`);
}

/** `[{id, name, type, data}]`, data in plain text: n8n encrypts it on import. */
export async function importCredentials(runtime, folder, credentials) {
	await importJson(runtime, folder, 'credentials', credentials);
}

export async function importWorkflows(runtime, folder, workflows) {
	await importJson(runtime, folder, 'workflow', workflows);
}

/**
 * Runs one imported workflow. Returns `{ ok, run, error }`: `run` is n8n's run data (the
 * JSON after the log lines), `error` the message when a node threw (exit code 1).
 */
export async function executeWorkflow(runtime, folder, id) {
	const started = Date.now();
	const result = await n8n(runtime, folder, ['execute', `--id=${id}`, '--rawOutput']);
	// Log lines come before the JSON and sometimes after it (a task runner registering).
	const lines = result.stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	const end = lines.findLastIndex((line) => line.startsWith('}'));
	let run;
	if (start >= 0 && end > start) {
		try {
			run = JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			run = undefined;
		}
	}
	const tail = (text) => text.trim().split('\n').slice(-5).join('\n');
	let error;
	if (result.code !== 0) error = tail(result.stderr || result.stdout);
	else if (run === undefined) error = `no run data in the output: ${tail(result.stdout)}`;
	return { ok: result.code === 0 && run !== undefined, run, error, ms: Date.now() - started };
}

/** The items a node output in a run (first output, first run). */
export function nodeOutput(run, nodeName) {
	const data = run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return data.map((item) => item.json);
}

/** Starts the editor and resolves once it answers /healthz. */
export async function startEditor(runtime, folder, { port = 5678, timeoutMs = 120_000 } = {}) {
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		env: { ...folder.env, N8N_PORT: String(port) },
		cwd: folder.dir,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited (${child.exitCode}):\n${output.slice(-2000)}`);
		try {
			const res = await fetch(`${base}/healthz/readiness`);
			if (res.ok) return { child, base, output: () => output };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	child.kill();
	throw new Error(`n8n did not become ready within ${timeoutMs / 1000}s:\n${output.slice(-2000)}`);
}

/** Creates the owner account (first start only) and returns a logged-in cookie. */
export async function setUpOwner(base, owner) {
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!setup.ok && setup.status !== 400)
		throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
	return login.headers.get('set-cookie')?.split(';')[0];
}

/** Stops a child process and waits for it to exit. */
export async function stop(child) {
	if (!child || child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}
