#!/usr/bin/env node
/**
 * The n8n verification gate, run locally: the community-package scanner's own
 * `analyzePackage` (inline `eslint-disable` ignored, as on n8n's side) over the source and
 * over what `npm pack` would publish. Any finding, warning included, fails.
 *
 * Usage: npm run build && npm run verify
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
	buildScanConfig,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** The scanner gates on errors only; warnings are findings for us too. */
async function warningsIn(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const results = await eslint.lintFiles(patterns);
	const warned = results.filter((r) => r.warningCount > 0);
	return warned.length ? (await eslint.loadFormatter('stylish')).format(warned) : '';
}

async function check(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	const warnings = result.passed ? await warningsIn(dir, patterns) : '';
	const clean = result.passed && !warnings;
	console.log(`${clean ? '✓' : '✗'} ${label}${result.message ? ` (${result.message})` : ''}`);
	if (!result.passed) console.log(result.details ?? result.error ?? '');
	if (warnings) console.log(warnings);
	return clean;
}

function unpackedTarball() {
	const scratch = mkdtempSync(path.join(tmpdir(), 'verify-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	execFileSync('tar', ['-xzf', path.join(scratch, filename), '-C', scratch]);
	return {
		dir: path.join(scratch, 'package'),
		cleanup: () => rmSync(scratch, { recursive: true, force: true }),
	};
}

if (!existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first');
	process.exit(1);
}
const sourceOk = await check(
	'source (package.json, nodes/, credentials/)',
	root,
	SOURCE_FILE_PATTERNS,
);
const tarball = unpackedTarball();
let tarballOk;
try {
	tarballOk = await check(
		'npm pack output (dist/**/*.js, package.json)',
		tarball.dir,
		TARBALL_PATTERNS,
	);
} finally {
	tarball.cleanup();
}
process.exit(sourceOk && tarballOk ? 0 : 1);
