import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Os1Client } from '../../transport';
import { batchedLookup, lookupFields } from './lookup';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getEmail'] } },
	lookupFields('email'),
);

/** GetUserEmail: GET {usersPath}/email?ids=a,b,… (10 at most). */
export async function executeAll(
	this: IExecuteFunctions,
	client: Os1Client,
): Promise<INodeExecutionData[][]> {
	return await batchedLookup(this, client, { path: '/email', param: 'ids', what: 'email' });
}
