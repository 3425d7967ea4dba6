import { createRequire } from 'node:module';

import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// The same CommonJS copy that n8n-core and our built nodes `require`, so there is one
		// n8n-workflow in the process (its ESM build is not loadable by Node directly).
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts'],
		setupFiles: ['test/harness/secretScan.setup.ts'],
		exclude: ['test/e2e/**', 'test/queue/**', 'node_modules/**'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Workflow tests start loopback servers; files run in parallel, each on its own ports.
		pool: 'forks',
		// The trust suites run their cases concurrently, each against its own sandbox.
		maxConcurrency: 24,
		server: { deps: { external: [/node_modules/] } },
	},
});
