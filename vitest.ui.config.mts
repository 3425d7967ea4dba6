import { defineConfig } from 'vitest/config';

// The editor in a real browser: n8n 2.41.1 (see scripts/n8n-runtime.mjs) driven through
// Debian's Chromium with playwright-core. One file, one n8n, steps in order.
export default defineConfig({
	test: {
		include: ['test/ui/**/*.spec.ts'],
		pool: 'forks',
		fileParallelism: false,
		// A slow, shared machine: no step is timed, only bounded.
		testTimeout: 300_000,
		hookTimeout: 600_000,
	},
});
