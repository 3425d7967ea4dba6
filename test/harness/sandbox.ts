import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	loadVendors,
	startSandboxes,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/index.mjs';

/**
 * Starts one vendor sandbox for a test file (fresh data and log before each test) and gives
 * the credentials that point at it.
 */
export function useSandbox(vendor: string, options: SandboxOptions = {}) {
	const handle = {} as { sandbox: Sandbox; credentials: () => ICredentialDataDecryptedObject };
	beforeAll(async () => {
		const started = await startSandboxes([vendor], options);
		const modules = await loadVendors();
		handle.sandbox = started[vendor];
		handle.credentials = () =>
			({
				...(modules[vendor].credentials?.(handle.sandbox) ?? {}),
			}) as ICredentialDataDecryptedObject;
	});
	beforeEach(() => handle.sandbox.reset());
	afterAll(async () => await handle.sandbox?.close());
	return handle;
}
