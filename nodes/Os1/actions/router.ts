import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeUserOperation } from '../../shared/router';
import { os1Client } from '../transport';
import * as user from './user';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeUserOperation(
		this,
		{
			perItem: {
				changeState: user.changeState.execute,
				create: user.create.execute,
				deactivate: user.deactivate.execute,
				get: user.get.execute,
				getAll: user.getAll.execute,
				getState: user.getState.execute,
				update: user.update.execute,
			},
			// Lookups group input items into requests of up to 10 IDs.
			allItems: { getEmail: user.getEmail.executeAll, getMobile: user.getMobile.executeAll },
		},
		os1Client,
	);
}
