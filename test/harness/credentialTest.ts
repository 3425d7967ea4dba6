import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadPackage, runNode, type RunResult } from './run';

/**
 * The editor's "Test" button, as n8n's CredentialsTester runs it: a throwaway declarative node
 * whose only property routes the credential's `test.request`, executed by n8n-core's
 * RoutingNode (expressions over `$credentials`, `preAuthentication`, `authenticate`).
 */
export async function testCredential(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<RunResult> {
	const loader = await loadPackage();
	const request = loader.credentialTypes[credentialType]?.type.test?.request;
	if (!request) throw new Error(`${credentialType} has no test request`);
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Temp' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request }, default: '' },
			],
		},
	};
	return await runNode(
		{
			type: 'credentialTest',
			credential: credentialType,
			parameters: { temp: '' },
			name: 'Temp-Node',
			nodeType,
		},
		{ credentials: { [credentialType]: credentials } },
	);
}
