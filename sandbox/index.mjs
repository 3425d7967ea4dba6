import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { startSandbox } from './framework.mjs';

const vendorsDir = new URL('./vendors/', import.meta.url);

/** Vendor emulators available, by name: every module in `sandbox/vendors/`. */
export async function loadVendors() {
	const files = readdirSync(fileURLToPath(vendorsDir)).filter((f) => f.endsWith('.mjs'));
	const modules = await Promise.all(files.map((f) => import(new URL(f, vendorsDir).href)));
	return Object.fromEntries(modules.map((m) => [m.default.name, m.default]));
}

/** Starts the named vendors (all by default) with shared options plus per-vendor overrides. */
export async function startSandboxes(names, options = {}, perVendor = {}) {
	const vendors = await loadVendors();
	const chosen = names?.length ? names : Object.keys(vendors);
	const started = {};
	for (const name of chosen) {
		if (!vendors[name])
			throw new Error(
				`Unknown sandbox vendor "${name}" (have: ${Object.keys(vendors).join(', ')})`,
			);
		started[name] = await startSandbox(vendors[name], { ...options, ...(perVendor[name] ?? {}) });
	}
	return started;
}

export { startSandbox } from './framework.mjs';
export { generatePeople } from './people.mjs';
export { peakInWindow } from './framework.mjs';
