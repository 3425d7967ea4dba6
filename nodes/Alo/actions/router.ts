import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeUserOperation } from '../../shared/router';
import { aloClient } from '../transport';
import * as user from './user';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeUserOperation(
		this,
		{
			perItem: {
				create: user.create.execute,
				deactivate: user.deactivate.execute,
				delete: user.delete.execute,
				get: user.get.execute,
				getAll: user.getAll.execute,
				update: user.update.execute,
			},
		},
		aloClient,
	);
}
