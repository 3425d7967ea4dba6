import { defineConfig } from 'vitest/config';

// End-to-end: our built package inside a real n8n (see scripts/n8n-runtime.mjs).
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 120_000,
		// The first run installs n8n into the cache (several minutes).
		hookTimeout: 1_200_000,
	},
});
