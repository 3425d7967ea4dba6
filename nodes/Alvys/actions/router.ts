import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeUserOperation } from '../../shared/router';
import { alvysClient } from '../transport';
import * as user from './user';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One client per execution: its 10 requests/second budget covers every item of this run.
	return await routeUserOperation(
		this,
		{ perItem: { get: user.get.execute, getAll: user.getAll.execute } },
		alvysClient,
	);
}
