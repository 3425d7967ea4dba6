#!/usr/bin/env node
import { parseArgs } from 'node:util';

import { DEFAULT_OPTIONS, FAULT_KINDS } from './framework.mjs';
import { loadVendors, startSandboxes } from './index.mjs';

const HELP = `Usage: npm run sandbox -- [options]

Starts local emulators of the vendor APIs on loopback, seeded with the same cast of people,
and keeps them running until Ctrl-C.

Options:
  --vendors <list>      comma-separated vendors to start (default: all: %VENDORS%)
  --users <n>           seeded users per vendor (default ${DEFAULT_OPTIONS.users})
  --seed <n>            seed for users and injected faults (default ${DEFAULT_OPTIONS.seed})
  --latency <ms>        latency added to every request (default ${DEFAULT_OPTIONS.latencyMs})
  --jitter <ms>         random extra latency, 0..ms (default ${DEFAULT_OPTIONS.latencyJitterMs})
  --fault-rate <0..1>   share of requests that get an injected fault (default ${DEFAULT_OPTIONS.faultRate})
  --faults <list>       fault kinds to draw from (default ${DEFAULT_OPTIONS.faultKinds.join(',')});
                        kinds: ${FAULT_KINDS.join(', ')}
  --slow <ms>           delay of a "slow" fault (default ${DEFAULT_OPTIONS.slowMs})
  --port <vendor=port>  fixed port for a vendor, repeatable (default: a free port)
  --json                print the started sandboxes as JSON (for scripts)
  -h, --help            show this help

Control API, on every sandbox (JSON):
  GET    /__sandbox/log       requests received (time, method, path, query, headers, status, fault)
  DELETE /__sandbox/log       clear the log
  POST   /__sandbox/faults    {"rate":0.1,"kinds":["503"],"next":[{"kind":"429","count":2,"path":"/users"}]}
  POST   /__sandbox/latency   {"latencyMs":50}
  POST   /__sandbox/mutate    change data between calls, e.g. {"op":"deactivate","email":"..."}
  POST   /__sandbox/reset     reseed the data and clear the log
  GET    /__sandbox/state     the data as the sandbox holds it
`;

const { values } = parseArgs({
	options: {
		vendors: { type: 'string' },
		users: { type: 'string' },
		seed: { type: 'string' },
		latency: { type: 'string' },
		jitter: { type: 'string' },
		'fault-rate': { type: 'string' },
		faults: { type: 'string' },
		slow: { type: 'string' },
		port: { type: 'string', multiple: true },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' },
	},
});

const vendors = await loadVendors();
if (values.help) {
	console.log(HELP.replace('%VENDORS%', Object.keys(vendors).join(', ')));
	process.exit(0);
}

const number = (v, fallback) => (v === undefined ? fallback : Number(v));
const options = {
	users: number(values.users, DEFAULT_OPTIONS.users),
	seed: number(values.seed, DEFAULT_OPTIONS.seed),
	latencyMs: number(values.latency, DEFAULT_OPTIONS.latencyMs),
	latencyJitterMs: number(values.jitter, DEFAULT_OPTIONS.latencyJitterMs),
	faultRate: number(values['fault-rate'], DEFAULT_OPTIONS.faultRate),
	faultKinds: values.faults ? values.faults.split(',') : DEFAULT_OPTIONS.faultKinds,
	slowMs: number(values.slow, DEFAULT_OPTIONS.slowMs),
};
const unknownFault = options.faultKinds.find((k) => !FAULT_KINDS.includes(k));
if (unknownFault) {
	console.error(`Unknown fault kind "${unknownFault}"; kinds: ${FAULT_KINDS.join(', ')}`);
	process.exit(2);
}
const perVendor = {};
for (const spec of values.port ?? []) {
	const [name, port] = spec.split('=');
	perVendor[name] = { port: Number(port) };
}

const names = values.vendors ? values.vendors.split(',').map((v) => v.trim()) : undefined;
const started = await startSandboxes(names, options, perVendor);
const summary = Object.values(started).map((s) => ({
	vendor: s.vendor,
	url: s.url,
	credentials: vendors[s.vendor].credentials?.(s) ?? {},
}));
if (values.json) console.log(JSON.stringify(summary));
else {
	for (const s of summary)
		console.log(`${s.vendor.padEnd(6)} ${s.url}  credentials: ${JSON.stringify(s.credentials)}`);
	console.log('Ctrl-C to stop.');
}

const stop = async () => {
	await Promise.all(Object.values(started).map((s) => s.close()));
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
