#!/usr/bin/env node
/**
 * Lets the README's two commands work on a fresh clone: installs the pinned dev
 * dependencies when they are missing. `--ignore-scripts` because a dev dependency's
 * preinstall runs `npx only-allow pnpm` and isolated-vm 7 cannot compile on Node 20;
 * nothing here needs an install script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'node_modules', '@n8n', 'node-cli', 'package.json'))) {
	console.error('Installing dev dependencies (npm install --ignore-scripts)…');
	const result = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, npm_config_yes: 'true' },
	});
	process.exit(result.status ?? 1);
}
