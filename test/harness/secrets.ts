import type { CredentialStore } from './credentials';

/**
 * The secret scan: every output and error of every run in a test file is kept, with the
 * secrets its credentials held (API keys, client secrets, tokens fetched during the run), and
 * checked after the file's tests (see `secretScan.setup.ts`). Errors are serialised whole,
 * `cause` and `context` included, as n8n stores them in execution data.
 */
const SECRET_FIELDS = ['apiKey', 'clientSecret', 'accessToken'];
/** Shorter values (a test's deliberately wrong "bad" key) would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

const secrets = new Set<string>();
const outputs: string[] = [];

export function recordForSecretScan(
	credentials: CredentialStore,
	items: unknown[],
	error?: unknown,
): void {
	for (const data of credentials.values()) {
		for (const field of SECRET_FIELDS) {
			const value = data[field];
			if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
		}
	}
	outputs.push(JSON.stringify(items));
	if (error !== undefined) outputs.push(serialiseError(error));
}

/** An error as it would be stored: its own properties, message, stack, cause and context. */
export function serialiseError(error: unknown): string {
	if (!error || typeof error !== 'object') return String(error);
	const seen = new WeakSet<object>();
	return JSON.stringify(error, function (key, value: unknown) {
		if (value && typeof value === 'object') {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
			if (value instanceof Error) {
				return {
					...Object.fromEntries(Object.entries(value)),
					name: value.name,
					message: value.message,
					stack: value.stack,
					cause: (value as { cause?: unknown }).cause,
				};
			}
		}
		return value;
	});
}

/** Secrets that appeared in a recorded output or error, with where. */
export function leakedSecrets(): Array<{ secret: string; excerpt: string }> {
	const leaks: Array<{ secret: string; excerpt: string }> = [];
	for (const text of outputs) {
		for (const secret of secrets) {
			const at = text.indexOf(secret);
			if (at >= 0)
				leaks.push({
					secret: `${secret.slice(0, 3)}…`,
					excerpt: text.slice(Math.max(0, at - 80), at),
				});
		}
	}
	return leaks;
}

export function scannedCount(): { outputs: number; secrets: number } {
	return { outputs: outputs.length, secrets: secrets.size };
}
