import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { executePerItem, type ItemResult } from '../../shared/router';
import { aloClient, type AloClient } from '../transport';
import * as user from './user';

type UserOperation = 'create' | 'deactivate' | 'delete' | 'get' | 'getAll' | 'update';

type Execute = (
	this: IExecuteFunctions,
	itemIndex: number,
	client: AloClient,
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
	const client = await aloClient(this);
	return await executePerItem(
		this,
		async (itemIndex) => await execute.call(this, itemIndex, client),
	);
}
