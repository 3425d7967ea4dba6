import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executePerItem, type ItemResult } from '../../shared/router';
import { alvysClient, type AlvysClient } from '../transport';
import * as user from './user';

type UserOperation = 'get' | 'getAll';

type Execute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: AlvysClient,
) => Promise<ItemResult>;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as UserOperation;
	const execute: Execute | undefined = resource === 'user' ? user[operation]?.execute : undefined;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" on "${resource}" is not supported`,
		);
	}
	// One client per execution: its rate budget is shared by every item of this run.
	const client = await alvysClient(this);
	return await executePerItem(
		this,
		async (itemIndex) => await execute.call(this, itemIndex, client),
	);
}
