import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Result of one item: one object, or one per user for list operations. */
export type ItemResult = IDataObject | IDataObject[];

/**
 * The item loop every per-item operation shares: parameters are read for each item, every
 * output is paired to the item it came from, and with "Continue On Fail" a failing item
 * becomes an error item while the others go on.
 */
export async function executePerItem(
	context: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex);
			// One pass, and every user is an item's json as it is (n8n's returnJsonArray would
			// take a user with a "json" field for an item). A loop, not push(...): a directory
			// of 100,000+ users would overflow the stack.
			for (const json of Array.isArray(result) ? result : [result])
				output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(context, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	return [output];
}

/** The item "Continue On Fail" emits for a failure: the message, plus what the API said. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: (error as Error).message };
	const { description, httpCode } = error as Partial<NodeApiError>;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (isNodeError(error)) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** By name as well: n8n and this package may each load their own copy of n8n-workflow. */
function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return true;
	const name = (error as Error | undefined)?.constructor?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError';
}

export type PerItemOperation<Client> = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: Client,
) => Promise<ItemResult>;

export type AllItemsOperation<Client> = (
	this: IExecuteFunctions,
	client: Client,
) => Promise<INodeExecutionData[][]>;

export interface UserOperations<Client> {
	/** Operations run once per input item. */
	perItem: Record<string, PerItemOperation<Client>>;
	/** Operations that see all input items at once (to batch them into fewer requests). */
	allItems?: Record<string, AllItemsOperation<Client>>;
}

/**
 * Dispatches the chosen User operation. The vendor client is created once per execution,
 * so whatever it holds (base URL, a rate budget) is shared by every item of this run only.
 */
export async function routeUserOperation<Client>(
	context: IExecuteFunctions,
	operations: UserOperations<Client>,
	createClient: (context: IExecuteFunctions) => Promise<Client>,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const allItems = resource === 'user' ? operations.allItems?.[operation] : undefined;
	const perItem = resource === 'user' ? operations.perItem[operation] : undefined;
	if (!allItems && !perItem) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	const client = await createClient(context);
	if (allItems) return await allItems.call(context, client);
	return await executePerItem(
		context,
		async (itemIndex) => await perItem!.call(context, itemIndex, client),
	);
}
