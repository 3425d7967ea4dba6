import { defineConfig } from 'vitest/config';

// Queue mode: PostgreSQL, Redis, an n8n main and two workers (see scripts/queue.mjs). One file,
// its tests in order: they share the cluster, and some build on what earlier ones did.
export default defineConfig({
	test: {
		include: ['test/queue/**/*.test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 600_000,
		// Starting the cluster; the first run also installs n8n into the cache (several minutes).
		hookTimeout: 1_200_000,
	},
});
