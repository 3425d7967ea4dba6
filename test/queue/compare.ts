/**
 * Makes two runs of the same workflow comparable: what the sandboxes generate at random or
 * from the clock (IDs of created users, temporary passwords, request IDs, "now" timestamps) is
 * replaced by placeholders numbered in order of first appearance, so equal structure (the ID
 * a create returned is the one the delete used) still has to match.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TEMP_PASSWORD = /Tmp-[0-9a-f]{8}/g;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY_MS = 86_400_000;

export function canonicalize(value: unknown, now = Date.now()): unknown {
	const seen = new Map<string, string>();
	const placeholder = (kind: string, raw: string) => {
		const key = `${kind}:${raw}`;
		if (!seen.has(key))
			seen.set(
				key,
				`<${kind}#${[...seen.keys()].filter((k) => k.startsWith(`${kind}:`)).length + 1}>`,
			);
		return seen.get(key)!;
	};
	const recent = (ms: number) => Math.abs(now - ms) < DAY_MS;
	const walk = (v: unknown): unknown => {
		if (typeof v === 'string') {
			if (ISO_TIME.test(v) && recent(Date.parse(v))) return '<now>';
			return v
				.replace(TEMP_PASSWORD, (m) => placeholder('tmp', m))
				.replace(UUID, (m) => placeholder('uuid', m.toLowerCase()));
		}
		if (typeof v === 'number' && v > 1e12 && recent(v)) return '<now>';
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object')
			return Object.fromEntries(
				Object.keys(v)
					.sort()
					.map((k) => [k, walk((v as Record<string, unknown>)[k])]),
			);
		return v;
	};
	return walk(value);
}

/** Every node's output items (first run, every output), without the given nodes. */
export function outputsByNode(data: unknown, skip: string[]): Record<string, unknown[][]> {
	type NodeRun = { data?: { main?: Array<Array<{ json: unknown }> | null> } };
	const runData =
		(data as { resultData?: { runData?: Record<string, NodeRun[]> } })?.resultData?.runData ?? {};
	return Object.fromEntries(
		Object.keys(runData)
			.filter((name) => !skip.includes(name))
			.sort()
			.map((name) => [
				name,
				(runData[name][0]?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
			]),
	);
}
