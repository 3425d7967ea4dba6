/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code runs in Node, not in n8n Cloud: it packs the package with npm and unpacks it with tar */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What `npm publish` would upload, read from a real `npm pack` of the built package: only
 * what n8n loads and what a person reads, nothing local.
 */
const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let scratch: string;
let unpacked: string;
let files: string[];

function walk(dir: string, base = dir): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full)];
	});
}

beforeAll(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'workforce-pack-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	execFileSync('tar', ['-xzf', path.join(scratch, filename), '-C', scratch]);
	unpacked = path.join(scratch, 'package');
	files = walk(unpacked).sort();
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm pack', () => {
	it('holds only dist, README, LICENSE, CHANGELOG and package.json', () => {
		// `n8n-node build` copies every *.png and *.svg of the repository into dist/ (the README's
		// screenshots too): only dist/credentials, dist/icons and dist/nodes are published.
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside).toEqual(['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json']);
		for (const file of files.filter((f) => f.startsWith('dist/')))
			expect(file, file).toMatch(/\.(js|d\.ts|json|svg)$/);
	});

	it('has no tests, sandbox, TypeScript sources, source maps or build caches', () => {
		expect(files.filter((f) => /(^|\/)(test|sandbox|bench|scripts|examples)\//.test(f))).toEqual(
			[],
		);
		expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((f) => /\.map$|tsbuildinfo/.test(f))).toEqual([]);
	});

	it('has every node, credential and icon n8n loads, and nothing that names this machine', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		for (const file of files.filter((f) => f.endsWith('.js'))) {
			const code = readFileSync(path.join(unpacked, file), 'utf8');
			for (const icon of code.matchAll(/file:([^'"]+\.svg)/g)) {
				const target = path.normalize(path.join(path.dirname(file), icon[1]));
				expect(files, `${file} → ${icon[1]}`).toContain(target);
			}
			expect(code, file).not.toMatch(/\/(work|root|home|Users)\/[\w.-]+\//);
			expect(code, file).not.toMatch(/sourceMappingURL=data:/);
		}
	});
});

describe('the publish workflow', () => {
	const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');

	it('publishes from GitHub Actions with npm provenance, as n8n-node scaffolds it', () => {
		// Provenance needs an OIDC token; `n8n-node release` in Actions publishes with
		// NPM_CONFIG_PROVENANCE=true after lint and build.
		expect(workflow).toMatch(/permissions:\s*\n\s+# .*\n\s+id-token: write/);
		expect(workflow).toMatch(/contents: read/);
		expect(workflow).toMatch(/tags:\s*\n(\s+#.*\n)*\s+- '\*\.\*\.\*'/);
		expect(workflow).toMatch(/run: \|\n.*NPM_TOKEN.*\n\s+npm run release/);
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	it('installs the way CI does, and runs the tests before publishing', () => {
		// A dev dependency's preinstall (`npx only-allow pnpm`) would fail an npm install.
		expect(workflow).toMatch(/npm install --ignore-scripts/);
		const step = (command: string) => workflow.indexOf(`run: ${command}`);
		expect(step('npm test')).toBeGreaterThan(-1);
		expect(step('npm test')).toBeLessThan(workflow.lastIndexOf('npm run release'));
	});
});
