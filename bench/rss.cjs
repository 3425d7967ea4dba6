// Preloaded into the n8n process (NODE_OPTIONS=--require): on exit, records its peak RSS, its
// pid, and the wall clock next to the monotonic clock that V8's CPU profiles are stamped with
// (so bench/profile.mjs can find the node's execution inside a --cpu-prof profile).
// NODE_OPTIONS reaches n8n's task-runner child processes too; only `n8n execute` writes.
const { writeFileSync } = require('node:fs');

if (process.argv.includes('execute')) {
	process.on('exit', () => {
		const file = process.env.BENCH_RSS_FILE;
		if (!file) return;
		writeFileSync(
			file,
			JSON.stringify({
				peakRssBytes: process.resourceUsage().maxRSS * 1024,
				pid: process.pid,
				epochMs: Date.now(),
				monotonicUs: Number(process.hrtime.bigint() / 1000n),
			}),
		);
	});
}
