// Preloaded into the n8n process (NODE_OPTIONS=--require): records its peak RSS on exit.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
	const file = process.env.BENCH_RSS_FILE;
	if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
