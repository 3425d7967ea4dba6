import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executePerItem, type ItemResult } from '../../shared/router';
import { os1Client, type Os1Client } from '../transport';
import * as user from './user';

type PerItem = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
) => Promise<ItemResult>;
type AllItems = (this: IExecuteFunctions, client: Os1Client) => Promise<INodeExecutionData[][]>;

/** Lookups that group input items into batched requests; every other operation runs per item. */
const BATCHED: Record<string, AllItems> = {
	getEmail: user.getEmail.executeAll,
	getMobile: user.getMobile.executeAll,
};

const PER_ITEM: Record<string, PerItem> = {
	changeState: user.changeState.execute,
	create: user.create.execute,
	deactivate: user.deactivate.execute,
	get: user.get.execute,
	getAll: user.getAll.execute,
	getState: user.getState.execute,
	update: user.update.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const batched = resource === 'user' ? BATCHED[operation] : undefined;
	const perItem = resource === 'user' ? PER_ITEM[operation] : undefined;
	if (!batched && !perItem) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	const client = await os1Client(this);
	if (batched) return await batched.call(this, client);
	return await executePerItem(
		this,
		async (itemIndex) => await perItem!.call(this, itemIndex, client),
	);
}
