#!/usr/bin/env node
/**
 * n8n in queue mode, on this machine, for tests and the demo: PostgreSQL and Redis from the
 * installed binaries (or the servers named by N8N_QUEUE_DB_URL / N8N_QUEUE_REDIS_URL), one
 * n8n main (`EXECUTIONS_MODE=queue`, `DB_TYPE=postgresdb`) and `n8n worker --concurrency 5`
 * processes, our built package loaded in every one of them, and the vendor sandboxes.
 *
 * Every server binds 127.0.0.1 on a free port; data directories are temporary. Whatever was
 * started is stopped by `stop()`, by Ctrl-C, on exit, and, should this process be killed
 * outright, by a small watchdog process that notices its parent is gone.
 *
 * `node scripts/queue.mjs` starts everything, prints the addresses and waits for Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadVendors, startSandboxes } from '../sandbox/index.mjs';
import { prepareUserFolder, REPO_ROOT } from './n8n-cli.mjs';
import { ensureRuntime } from './n8n-runtime.mjs';
import { asCustomExtension } from './stage.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nothing listens on right now, on loopback. */
export async function freePort() {
	const server = createServer();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

// ---------------------------------------------------------------------------------------------
// Child processes: each in its own process group, so that stopping one also stops what it
// started (n8n's task runner, PostgreSQL's backends).

/**
 * Tracks every process a cluster starts. A watchdog (a detached `node -e`) reads the pid file
 * once a second and kills every listed group, then removes the scratch directory, when the
 * process that started them is gone without stopping them (SIGKILL, a crashed test runner).
 */
class ProcessSet {
	constructor(dir) {
		this.dir = dir;
		this.pidFile = path.join(dir, 'pids.json');
		this.entries = new Set();
		this.onExit = () => this.killAllNow();
		process.on('exit', this.onExit);
		this.writePids();
		const watchdog = spawn(
			process.execPath,
			['-e', WATCHDOG, String(process.pid), this.pidFile, dir],
			{ detached: true, stdio: 'ignore' },
		);
		watchdog.unref();
	}

	writePids() {
		const pids = [...this.entries].filter((e) => e.child.exitCode === null).map((e) => e.pid);
		writeFileSync(this.pidFile, JSON.stringify(pids));
	}

	/** Spawns `command` in a new process group, output appended to `<dir>/<name>.log`. */
	spawn(name, command, args, { env, cwd } = {}) {
		const logFile = path.join(this.dir, `${name}.log`);
		const fd = openSync(logFile, 'a');
		const child = spawn(command, args, {
			env,
			cwd: cwd ?? this.dir,
			detached: true,
			stdio: ['ignore', fd, fd],
		});
		closeSync(fd);
		const entry = { name, child, pid: child.pid, logFile };
		entry.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal })),
		);
		child.once('exit', () => this.writePids());
		this.entries.add(entry);
		this.writePids();
		entry.log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
		return entry;
	}

	/** Signals the whole group of `entry`; SIGKILL after `timeoutMs`. Resolves once it exited. */
	async stop(entry, { signal = 'SIGTERM', timeoutMs = 20_000 } = {}) {
		if (entry.child.exitCode === null && entry.child.signalCode === null) {
			killGroup(entry.pid, signal);
			const timer = setTimeout(() => killGroup(entry.pid, 'SIGKILL'), timeoutMs);
			await entry.exited;
			clearTimeout(timer);
		}
		// Leftovers of the group (a task runner that outlived its n8n) go too.
		killGroup(entry.pid, 'SIGKILL');
		this.entries.delete(entry);
		this.writePids();
	}

	killAllNow() {
		for (const entry of this.entries) killGroup(entry.pid, 'SIGKILL');
	}

	dispose() {
		process.off('exit', this.onExit);
		rmSync(this.pidFile, { force: true });
	}
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** argv: parent pid, pid file, scratch dir. Exits quietly when the pid file is removed. */
const WATCHDOG = `
const [parent, pidFile, dir] = process.argv.slice(1);
const fs = require('node:fs');
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
	if (!fs.existsSync(pidFile)) process.exit(0);
	if (alive(Number(parent))) return;
	let pids = [];
	try { pids = JSON.parse(fs.readFileSync(pidFile, 'utf8')); } catch {}
	for (const pid of pids) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
	setTimeout(() => { try { fs.rmSync(dir, { recursive: true, force: true }); } catch {} process.exit(0); }, 1000);
}, 1000);
`;

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The newest `/usr/lib/postgresql/<version>/bin` holding initdb (Debian), else PATH. */
export function findPostgresBin() {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root)
			.filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return path.join(root, versions[0], 'bin');
	}
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
	throw new Error(
		'PostgreSQL is not installed (no initdb). Debian/Ubuntu: `apt-get install -y postgresql redis-server`; ' +
			'or set N8N_QUEUE_DB_URL to a server you run (see examples/queue/docker-compose.yml).',
	);
}

/**
 * initdb and postgres refuse to run as root. As root, run them in a user namespace where we are
 * an ordinary user (works inside loopback-only's namespace too, where `runuser` cannot switch
 * users); when namespaces are not available, fall back to the `postgres` account.
 */
function asNonRoot(dataParent) {
	if (process.getuid?.() !== 0) return (command, args) => [command, args];
	const probe = spawnSync('unshare', ['--user', '--map-user=1000', '--map-group=1000', 'true']);
	if (probe.status === 0) {
		return (command, args) => [
			'unshare',
			['--user', '--map-user=1000', '--map-group=1000', command, ...args],
		];
	}
	const account = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	if (account.status !== 0)
		throw new Error(
			'Running as root without user namespaces or a `postgres` account: cannot start PostgreSQL',
		);
	spawnSync('chown', ['-R', 'postgres:postgres', dataParent]);
	return (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

/**
 * A throw-away PostgreSQL server on loopback: `{ host, port, user, password, adminUrl }`.
 * fsync and synchronous commit are off: the data lives as long as the run.
 */
async function startPostgres(processes, dir, pg, log) {
	const bin = findPostgresBin();
	const parent = path.join(dir, 'postgres');
	const data = path.join(parent, 'data');
	mkdirSync(parent, { recursive: true });
	const password = randomBytes(12).toString('hex');
	writeFileSync(path.join(parent, 'pwfile'), `${password}\n`);
	const wrap = asNonRoot(parent);
	const [initCommand, initArgs] = wrap(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=scram-sha-256',
		`--pwfile=${path.join(parent, 'pwfile')}`,
		'--encoding=UTF8',
		'--no-instructions',
	]);
	const started = Date.now();
	const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);
	rmSync(path.join(parent, 'pwfile'), { force: true });

	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const [command, args] = wrap(path.join(bin, 'postgres'), [
			'-D',
			data,
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-k',
			parent,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]);
		const entry = processes.spawn('postgres', command, args);
		const url = pgUrl({ host: '127.0.0.1', port, user: 'postgres', password }, 'postgres');
		const ready = await waitFor(
			async () => {
				if (entry.child.exitCode !== null) return 'exited';
				return (await pgAnswers(pg, url)) ? 'ready' : undefined;
			},
			{ timeoutMs: 30_000, intervalMs: 200 },
		);
		if (ready === 'ready') {
			log?.(`PostgreSQL on 127.0.0.1:${port} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			const server = { host: '127.0.0.1', port, user: 'postgres', password, entry };
			server.adminUrl = pgUrl(server, 'postgres');
			return server;
		}
		await processes.stop(entry);
		if (attempt >= 3) throw new Error(`PostgreSQL did not start:\n${entry.log().slice(-2000)}`);
	}
}

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** True once the server accepts a connection and answers a query (not just "starting up"). */
async function pgAnswers(pg, url) {
	const client = new pg.Client({ connectionString: url });
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query('SELECT 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

function pgUrl({ host, port, user, password }, database) {
	return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

function parsePgUrl(url) {
	const u = new URL(url);
	return {
		host: u.hostname,
		port: Number(u.port || 5432),
		user: decodeURIComponent(u.username || 'postgres'),
		password: decodeURIComponent(u.password || ''),
		database: u.pathname.replace(/^\//, '') || 'postgres',
	};
}

// ---------------------------------------------------------------------------------------------
// Redis

async function startRedis(processes, dir, log) {
	const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (which.status !== 0)
		throw new Error(
			'Redis is not installed (no redis-server). Debian/Ubuntu: `apt-get install -y postgresql redis-server`; ' +
				'or set N8N_QUEUE_REDIS_URL to a server you run (see examples/queue/docker-compose.yml).',
		);
	const redisDir = path.join(dir, 'redis');
	mkdirSync(redisDir, { recursive: true });
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const entry = processes.spawn('redis', which.stdout.trim(), [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			redisDir,
		]);
		const ready = await waitFor(
			async () => {
				if (entry.child.exitCode !== null) return 'exited';
				return (await canConnect(port)) ? 'ready' : undefined;
			},
			{ timeoutMs: 15_000, intervalMs: 50 },
		);
		if (ready === 'ready') {
			log?.(`Redis on 127.0.0.1:${port}`);
			return { host: '127.0.0.1', port, password: '', db: 0, entry };
		}
		await processes.stop(entry);
		if (attempt >= 3) throw new Error(`Redis did not start:\n${entry.log().slice(-2000)}`);
	}
}

function parseRedisUrl(url) {
	const u = new URL(url);
	return {
		host: u.hostname,
		port: Number(u.port || 6379),
		password: decodeURIComponent(u.password || ''),
		username: decodeURIComponent(u.username || ''),
		db: Number(u.pathname.replace(/^\//, '') || 0),
	};
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Polls `check` until it returns something other than undefined/false. */
export async function waitFor(
	check,
	{ timeoutMs = 60_000, intervalMs = 250, what = 'condition' } = {},
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(intervalMs);
	}
}

function redisClient(Redis, redis) {
	return new Redis({
		host: redis.host,
		port: redis.port,
		username: redis.username || undefined,
		password: redis.password || undefined,
		db: redis.db ?? 0,
		lazyConnect: true,
		maxRetriesPerRequest: 1,
	});
}

async function deleteKeys(Redis, redis, pattern) {
	const client = redisClient(Redis, redis);
	await client.connect();
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
			if (keys.length) await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
}

/** `pg`, `flatted` and `ioredis` from the n8n install (n8n depends on all three). */
function runtimeRequire(runtime) {
	return createRequire(path.join(path.dirname(runtime.n8nBin), '..', 'package.json'));
}

// ---------------------------------------------------------------------------------------------
// n8n processes

/**
 * Starts one n8n process: `main` (`n8n start`, queue or regular mode) or `worker`
 * (`n8n worker --concurrency N`), with its own user folder (our package as the only custom
 * extension). Resolves once its readiness endpoint answers 200.
 */
async function startN8n(cluster, { name, role, env, folderDir, concurrency = 5, port }) {
	const { runtime, processes } = cluster;
	const folder = await prepareUserFolder(runtime, folderDir, { fresh: !existsSync(folderDir) });
	const httpPort = port ?? (await freePort());
	const processEnv = {
		...folder.env,
		...env,
		WFU_PROCESS: name,
		...(role === 'worker'
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(httpPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: { N8N_PORT: String(httpPort) }),
	};
	const args =
		role === 'worker'
			? [runtime.n8nBin, 'worker', `--concurrency=${concurrency}`]
			: [runtime.n8nBin, 'start'];
	const started = Date.now();
	const entry = processes.spawn(name, runtime.nodeBin, args, { env: processEnv, cwd: folderDir });
	const base = `http://127.0.0.1:${httpPort}`;
	await waitFor(
		async () => {
			if (entry.child.exitCode !== null)
				throw new Error(
					`n8n ${name} exited (${entry.child.exitCode}):\n${entry.log().slice(-3000)}`,
				);
			try {
				const res = await fetch(`${base}/healthz/readiness`);
				return res.ok;
			} catch {
				return false;
			}
		},
		{ timeoutMs: 240_000, intervalMs: 500, what: `n8n ${name} to be ready` },
	);
	cluster.log?.(`n8n ${name} ready on ${base} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	return {
		name,
		role,
		base,
		entry,
		folderDir,
		env: processEnv,
		port: httpPort,
		concurrency,
		startedAt: started,
	};
}

/** The owner account created on the main (the editor's sign-in). */
export const OWNER = {
	email: 'queue@workforce-users.local',
	firstName: 'Queue',
	lastName: 'Owner',
	password: 'Workforce-Queue-1',
};

/** Owner account (first start), a session, and a public API key with every scope. */
async function setUpApi(base) {
	const json = { 'content-type': 'application/json' };
	const setup = await fetch(`${base}/rest/owner/setup`, {
		method: 'POST',
		headers: json,
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok && setup.status !== 400)
		throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
	const login = await fetch(`${base}/rest/login`, {
		method: 'POST',
		headers: json,
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
	const cookie = login.headers.get('set-cookie')?.split(';')[0];
	const scopesRes = await fetch(`${base}/rest/api-keys/scopes`, { headers: { cookie } });
	if (!scopesRes.ok)
		throw new Error(`api key scopes: ${scopesRes.status} ${await scopesRes.text()}`);
	const scopes = (await scopesRes.json()).data;
	const created = await fetch(`${base}/rest/api-keys`, {
		method: 'POST',
		headers: { ...json, cookie },
		body: JSON.stringify({ label: `queue-${Date.now()}`, scopes, expiresAt: null }),
	});
	if (!created.ok) throw new Error(`api key: ${created.status} ${await created.text()}`);
	const { data } = await created.json();
	return data.rawApiKey ?? data.apiKey;
}

/** A client for n8n's public REST API (`/api/v1`, `X-N8N-API-KEY`). */
function publicApi(getBase, apiKey) {
	return async (method, route, body) => {
		const res = await fetch(`${getBase()}/api/v1${route}`, {
			method,
			headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n API ${method} ${route}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
}

// ---------------------------------------------------------------------------------------------
// Workflows

/**
 * A copy of `workflow` started by a webhook on `path` instead of its manual trigger. The
 * trigger's place is taken by a "Start" Set node that outputs one empty item, as the manual
 * trigger does, so every downstream node sees the same input. A "Ran on" node records which
 * n8n process executed the run (`$env.WFU_PROCESS`), so the execution record says where it ran.
 *
 * The webhook answers when the run has finished (`lastNode`, no data), so a caller can await it.
 */
export function asWebhookWorkflow(workflow, path, { respond = 'lastNode' } = {}) {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`${workflow.name} has no manual trigger to replace`);
	const [x, y] = trigger.position ?? [0, 0];
	const nodes = workflow.nodes.filter((node) => node !== trigger);
	nodes.push(
		{
			id: randomUUID(),
			name: 'Queue webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [x - 220, y],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: respond,
				...(respond === 'lastNode' ? { responseData: 'noData' } : {}),
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: trigger.name,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [x, y],
			parameters: {
				mode: 'manual',
				assignments: { assignments: [] },
				includeOtherFields: false,
				options: {},
			},
		},
		ranOnNode([x, y + 200]),
	);
	const connections = {
		...workflow.connections,
		'Queue webhook': {
			main: [
				[
					{ node: trigger.name, type: 'main', index: 0 },
					{ node: 'Ran on', type: 'main', index: 0 },
				],
			],
		},
	};
	return { ...workflow, nodes, connections };
}

/** A Set node that records the n8n process running the execution. */
export function ranOnNode(position = [0, 0], name = 'Ran on') {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: randomUUID(), name: 'process', value: '={{ $env.WFU_PROCESS }}', type: 'string' },
				],
			},
			includeOtherFields: false,
			options: {},
		},
	};
}

/**
 * Points node credentials at created ones: `credentials` maps a referenced credential id, or
 * else a credential type, to `{id, name}`.
 */
export function withCredentials(workflow, credentials) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.credentials
				? {
						...node,
						credentials: Object.fromEntries(
							Object.entries(node.credentials).map(([type, ref]) => [
								type,
								credentials[ref?.id] ?? credentials[type] ?? ref,
							]),
						),
					}
				: node,
		),
	};
}

// ---------------------------------------------------------------------------------------------
// The cluster

/**
 * Starts the servers, the sandboxes and n8n in queue mode.
 *
 * @param {{ workers?: number, concurrency?: number, sandboxes?: Record<string, {vendor: string,
 *   options?: object}>, env?: object, reference?: boolean, log?: (m: string) => void,
 *   dir?: string }} options
 *   `sandboxes` maps a set name to a vendor sandbox (default: one per vendor, named as the
 *   vendor); `reference: true` also starts a single-process n8n (regular mode) on its own
 *   database; `mainPort` fixes the main's port (default: a free one).
 */
export async function startQueue({
	workers = 2,
	concurrency = 5,
	sandboxes: sandboxSpecs,
	sandboxOptions = {},
	env = {},
	reference = false,
	mainPort,
	log,
	dir,
} = {}) {
	if (!existsSync(path.join(REPO_ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const runDir = dir ?? mkdtempSync(path.join(tmpdir(), 'wfu-queue-'));
	mkdirSync(runDir, { recursive: true });
	const processes = new ProcessSet(runDir);
	const cluster = {
		dir: runDir,
		processes,
		log,
		workers: [],
		sandboxes: {},
		stopped: false,
	};
	const cleanups = [];
	cluster.stop = async () => {
		if (cluster.stopped) return;
		cluster.stopped = true;
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch (error) {
				log?.(`cleanup: ${error.message}`);
			}
		}
		processes.dispose();
		if (!process.env.N8N_QUEUE_KEEP) rmSync(runDir, { recursive: true, force: true });
		else log?.(`kept ${runDir} (N8N_QUEUE_KEEP)`);
	};
	const onSignal = (signal) => {
		log?.(`${signal}: stopping everything`);
		void cluster.stop().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	cleanups.push(() => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	});

	try {
		log?.('n8n runtime (installed once into the cache, then reused)');
		const runtime = ensureRuntime({ line: '2' });
		cluster.runtime = runtime;
		const req = runtimeRequire(runtime);
		const pg = req('pg');
		const flatted = req('flatted');
		cluster.flatted = flatted;

		// --- PostgreSQL: ours, or a fresh database on the server the user named.
		let pgServer;
		if (process.env.N8N_QUEUE_DB_URL) {
			pgServer = parsePgUrl(process.env.N8N_QUEUE_DB_URL);
			pgServer.adminUrl = process.env.N8N_QUEUE_DB_URL;
			log?.(`PostgreSQL from N8N_QUEUE_DB_URL (${pgServer.host}:${pgServer.port})`);
		} else {
			pgServer = await startPostgres(processes, runDir, pg, log);
			cleanups.push(() => processes.stop(pgServer.entry, { signal: 'SIGINT' }));
		}
		const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
		const databases = {
			queue: `wfu_queue_${suffix}`,
			...(reference ? { single: `wfu_single_${suffix}` } : {}),
		};
		cleanups.push(async () => {
			if (!process.env.N8N_QUEUE_DB_URL) return; // the whole server goes
			const client = new pg.Client({ connectionString: pgServer.adminUrl });
			await client.connect();
			for (const database of Object.values(databases))
				await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
			await client.end();
		});
		const admin = new pg.Client({ connectionString: pgServer.adminUrl });
		await admin.connect();
		for (const database of Object.values(databases))
			await admin.query(`CREATE DATABASE ${database}`);
		await admin.end();
		const dbEnv = (database) => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pgServer.host,
			DB_POSTGRESDB_PORT: String(pgServer.port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: pgServer.user,
			DB_POSTGRESDB_PASSWORD: pgServer.password,
			DB_POSTGRESDB_POOL_SIZE: '4',
		});
		// An idle client hears the server shut down; that is not an error of ours.
		const pool = (database, max) =>
			new pg.Pool({ connectionString: pgUrl(pgServer, database), max }).on(
				'error',
				() => undefined,
			);
		const db = pool(databases.queue, 3);
		cleanups.push(() => db.end());
		cluster.db = db;
		cluster.pg = { ...pgServer, databases };

		// --- Redis: ours, or the user's with a key prefix of this run.
		let redis;
		if (process.env.N8N_QUEUE_REDIS_URL) {
			redis = parseRedisUrl(process.env.N8N_QUEUE_REDIS_URL);
			log?.(`Redis from N8N_QUEUE_REDIS_URL (${redis.host}:${redis.port})`);
			// Everything this run wrote there carries its prefix: remove it afterwards.
			cleanups.push(async () => await deleteKeys(req('ioredis'), redis, `*wfu${suffix}*`));
		} else {
			redis = await startRedis(processes, runDir, log);
			cleanups.push(() => processes.stop(redis.entry));
		}
		cluster.redis = { ...redis, prefix: `wfu${suffix}` };

		// --- Sandboxes, each with the credentials that point at it.
		const vendors = await loadVendors();
		const specs =
			sandboxSpecs ??
			Object.fromEntries(['alo', 'alvys', 'os1'].map((vendor) => [vendor, { vendor }]));
		for (const [setName, spec] of Object.entries(specs)) {
			const started = await startSandboxes([spec.vendor], {
				...sandboxOptions,
				...(spec.options ?? {}),
			});
			const sandbox = started[spec.vendor];
			cluster.sandboxes[setName] = sandbox;
			sandbox.credentialData = () => vendors[spec.vendor].credentials(sandbox);
			cleanups.push(() => sandbox.close());
		}
		log?.(
			`sandboxes: ${Object.entries(cluster.sandboxes)
				.map(([n, s]) => `${n} ${s.url}`)
				.join(', ')}`,
		);

		// --- n8n: main first (it migrates the database), then the workers.
		const queueEnv = {
			...dbEnv(databases.queue),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_REDIS_DB: String(redis.db ?? 0),
			...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.password } : {}),
			...(redis.username ? { QUEUE_BULL_REDIS_USERNAME: redis.username } : {}),
			QUEUE_BULL_PREFIX: cluster.redis.prefix,
			N8N_REDIS_KEY_PREFIX: cluster.redis.prefix,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...env,
		};
		cluster.queueEnv = queueEnv;
		const mainSpec = {
			name: 'main',
			role: 'main',
			env: queueEnv,
			folderDir: path.join(runDir, 'main'),
			port: mainPort,
		};
		const referenceSpec = reference
			? {
					name: 'single',
					role: 'main',
					env: { ...dbEnv(databases.single), EXECUTIONS_MODE: 'regular', ...env },
					folderDir: path.join(runDir, 'single'),
				}
			: undefined;
		const [main, single] = await Promise.all([
			startN8n(cluster, mainSpec),
			referenceSpec ? startN8n(cluster, referenceSpec) : undefined,
		]);
		cluster.main = main;
		cleanups.push(() => cluster.main && processes.stop(cluster.main.entry));
		const workerSpecs = Array.from({ length: workers }, (_, i) => ({
			name: `worker-${i + 1}`,
			role: 'worker',
			env: queueEnv,
			concurrency,
			folderDir: path.join(runDir, `worker-${i + 1}`),
		}));
		const [apiKey, ...startedWorkers] = await Promise.all([
			setUpApi(main.base),
			...workerSpecs.map((spec) => startN8n(cluster, spec)),
		]);
		cluster.workers = startedWorkers;
		cluster.allWorkers = [...startedWorkers];
		cleanups.push(async () => {
			await Promise.all(cluster.workers.map((worker) => processes.stop(worker.entry)));
		});
		cluster.apiKey = apiKey;
		cluster.api = publicApi(() => cluster.main.base, apiKey);

		if (single) {
			cleanups.push(() => processes.stop(single.entry));
			const singleKey = await setUpApi(single.base);
			cluster.single = {
				...single,
				api: publicApi(() => single.base, singleKey),
				db: pool(databases.single, 2),
			};
			cleanups.push(() => cluster.single.db.end());
		}

		Object.assign(cluster, clusterMethods(cluster, { mainSpec }));
		return cluster;
	} catch (error) {
		await cluster.stop();
		throw error;
	}
}

function clusterMethods(cluster, { mainSpec }) {
	const target = (where) =>
		where === 'single' ? cluster.single : { ...cluster.main, api: cluster.api, db: cluster.db };

	return {
		/** Creates a credential through the public API; returns `{ id, name }`. */
		async createCredential(name, type, data, where) {
			const created = await target(where).api('POST', '/credentials', { name, type, data });
			return { id: created.id, name: created.name };
		},

		/** Creates (and by default activates) a workflow; returns its id. Package types → CUSTOM. */
		async createWorkflow(workflow, { activate = true, where } = {}) {
			const { api } = target(where);
			const body = asCustomExtension(workflow);
			const created = await api('POST', '/workflows', {
				name: body.name,
				nodes: body.nodes,
				connections: body.connections,
				settings: { executionOrder: 'v1', ...(body.settings ?? {}) },
			});
			if (activate) {
				await api('POST', `/workflows/${created.id}/activate`);
				// The main registers webhooks just after the API has answered: wait for them.
				const webhooks = body.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook');
				if (webhooks.length)
					await waitFor(
						async () => {
							const { rows } = await target(where).db.query(
								'SELECT COUNT(*)::int AS n FROM webhook_entity WHERE "workflowId" = $1',
								[created.id],
							);
							return rows[0].n >= webhooks.length;
						},
						{ timeoutMs: 60_000, intervalMs: 200, what: `the webhooks of ${body.name}` },
					);
			}
			return created.id;
		},

		/** POSTs to a production webhook; with `lastNode` workflows it returns once the run ended. */
		async callWebhook(path, body = {}, where) {
			const res = await fetch(`${target(where).base}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			return { status: res.status, body: await res.text() };
		},

		/** The highest execution id so far (to find the executions started after it). */
		async lastExecutionId(where) {
			const { rows } = await target(where).db.query(
				'SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity',
			);
			return Number(rows[0].id);
		},

		/**
		 * Execution records from Postgres, newer than `after`, optionally of one workflow:
		 * `{ id, workflowId, status, mode, finished, startedAt, stoppedAt, data? }` where `data`
		 * is the run data (unflattened) when `withData`.
		 */
		async executions({ after = 0, workflowId, withData = true, where } = {}) {
			const params = [after];
			let sql = `SELECT e.id, e."workflowId", e.status, e.mode, e.finished, e."startedAt", e."stoppedAt"${
				withData ? ', d.data' : ''
			} FROM execution_entity e ${withData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''} WHERE e.id > $1`;
			if (workflowId) {
				params.push(workflowId);
				sql += ' AND e."workflowId" = $2';
			}
			sql += ' ORDER BY e.id';
			const { rows } = await target(where).db.query(sql, params);
			return rows.map((row) => ({
				id: Number(row.id),
				workflowId: row.workflowId,
				status: row.status,
				mode: row.mode,
				finished: row.finished,
				startedAt: row.startedAt,
				stoppedAt: row.stoppedAt,
				...(withData && row.data ? { data: cluster.flatted.parse(row.data) } : {}),
			}));
		},

		/** Waits until `count` executions newer than `after` have ended (any final status). */
		async waitForExecutions({ after, workflowId, count = 1, timeoutMs = 180_000, where }) {
			const ended = (e) => !['new', 'running', 'waiting'].includes(e.status);
			return await waitFor(
				async () => {
					const list = await this.executions({ after, workflowId, withData: false, where });
					if (list.length >= count && list.every(ended))
						return await this.executions({ after, workflowId, withData: true, where });
					return undefined;
				},
				{
					timeoutMs,
					intervalMs: 300,
					what: `${count} execution(s) of ${workflowId ?? 'any workflow'}`,
				},
			);
		},

		/** Stops the main and starts it again on the same database and user folder. */
		async restartMain() {
			await cluster.processes.stop(cluster.main.entry);
			cluster.main = await startN8n(cluster, { ...mainSpec, port: cluster.main.port });
			return cluster.main;
		},

		/** Sends `signal` to a worker's process group (SIGKILL: no chance to clean up). */
		async killWorker(index, signal = 'SIGKILL') {
			const worker = cluster.workers[index];
			killGroup(worker.entry.pid, signal);
			await worker.entry.exited;
			cluster.workers = cluster.workers.filter((w) => w !== worker);
			await cluster.processes.stop(worker.entry);
			return worker;
		},

		/**
		 * The worker that took an execution off the queue, from its log ("Worker started
		 * execution N"), killed workers included; undefined when none did (yet).
		 */
		workerOf(executionId) {
			const line = new RegExp(`Worker started execution ${executionId} \\(`);
			return cluster.allWorkers.find((worker) => line.test(worker.entry.log()))?.name;
		},

		/** Jobs Bull still holds as active (a job of a killed worker stays there until it stalls). */
		async activeJobs() {
			const client = redisClient(runtimeRequire(cluster.runtime)('ioredis'), cluster.redis);
			await client.connect();
			try {
				const keys = await client.keys(`${cluster.redis.prefix}:*:active`);
				let total = 0;
				for (const key of keys) total += await client.llen(key);
				return total;
			} finally {
				client.disconnect();
			}
		},
	};
}

/** The items a node output in a run (first output, first run), from stored run data. */
export function runOutput(data, nodeName) {
	const run = data?.resultData?.runData?.[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Which n8n process ran an execution, as recorded by its "Ran on" node. */
export function ranOn(data, nodeName = 'Ran on') {
	return runOutput(data, nodeName)[0]?.process;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const say = (message) => console.log(`[queue] ${message}`);
	const cluster = await startQueue({ log: say });
	for (const [name, sandbox] of Object.entries(cluster.sandboxes))
		say(`${name} sandbox ${sandbox.url}`);
	say(
		`main ${cluster.main.base} (owner ${OWNER.email} / ${OWNER.password}), API key ${cluster.apiKey}`,
	);
	say(`workers: ${cluster.workers.map((w) => `${w.name} ${w.base}/healthz`).join(', ')}`);
	say(`logs in ${cluster.dir}; Ctrl-C stops everything`);
	await new Promise(() => undefined);
}
