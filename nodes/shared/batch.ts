import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorItem } from './router';
import { settle } from './settle';

export interface BatchLookup {
	/** Most keys one request may carry. */
	batchSize: number;
	/** Requests in flight at once (default 1). */
	concurrency?: number;
	/** The key one input item asks for; throws for bad input (before anything is sent). */
	keyOf: (itemIndex: number) => string;
	/** One request for up to `batchSize` distinct keys; returns what was found, by key. */
	fetch: (keys: string[], firstItemIndex: number) => Promise<Map<string, IDataObject>>;
	/** The error an item gets when its key is not in the answer. */
	notFound: (key: string, itemIndex: number) => Error;
}

/**
 * Looks up one key per input item in as few requests as the API allows: keys are
 * de-duplicated and grouped `batchSize` to a request, and every input item still gets
 * exactly one output item, in input order and paired to it. A key the API did not return,
 * or a failed request, fails only the items concerned (error items under Continue On Fail).
 */
export async function executeBatchedLookup(
	context: IExecuteFunctions,
	lookup: BatchLookup,
): Promise<INodeExecutionData[][]> {
	const count = context.getInputData().length;
	const keys: Array<string | undefined> = [];
	const failures = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			keys.push(lookup.keyOf(itemIndex));
		} catch (error) {
			keys.push(undefined);
			failures.set(itemIndex, error);
		}
	}
	// Without Continue On Fail, the first bad item stops the node before any request.
	const firstBad = [...failures.keys()][0];
	if (firstBad !== undefined && !context.continueOnFail()) {
		throw asNodeError(context, failures.get(firstBad), firstBad);
	}

	const distinct = [...new Set(keys.filter((key): key is string => key !== undefined))];
	const batches: string[][] = [];
	for (let start = 0; start < distinct.length; start += lookup.batchSize) {
		batches.push(distinct.slice(start, start + lookup.batchSize));
	}
	const found = new Map<string, IDataObject>();
	const failedKeys = new Map<string, unknown>();
	let next = 0;
	const worker = async () => {
		while (next < batches.length) {
			const batch = batches[next++];
			const outcome = await settle(lookup.fetch(batch, keys.indexOf(batch[0])));
			if (outcome.ok) for (const [key, value] of outcome.value) found.set(key, value);
			else for (const key of batch) failedKeys.set(key, outcome.error);
		}
	};
	const workers = Math.max(1, Math.min(lookup.concurrency ?? 1, batches.length));
	await Promise.all(Array.from({ length: workers }, worker));

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const key = keys[itemIndex];
		let error = failures.get(itemIndex);
		if (key !== undefined && !error) error = failedKeys.get(key);
		if (key !== undefined && !error && !found.has(key)) error = lookup.notFound(key, itemIndex);
		if (error) {
			if (!context.continueOnFail()) throw asNodeError(context, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		} else {
			output.push({ json: { ...found.get(key!)! }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
