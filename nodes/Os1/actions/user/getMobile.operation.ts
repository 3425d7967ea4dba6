import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Os1Client } from '../../transport';
import { batchedLookup, lookupFields } from './lookup';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getMobile'] } },
	lookupFields('mobile number'),
);

/** GetUserMobile: GET {usersPath}/mobile?userId=a,b,… (10 at most). */
export async function executeAll(
	this: IExecuteFunctions,
	client: Os1Client,
): Promise<INodeExecutionData[][]> {
	return await batchedLookup(this, client, {
		path: '/mobile',
		param: 'userId',
		what: 'mobile number',
	});
}
