import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class AloApi implements ICredentialType {
	name = 'aloApi';

	displayName = 'ĀLO API';

	icon: Icon = { light: 'file:../icons/alo.svg', dark: 'file:../icons/alo.dark.svg' };

	documentationUrl = 'https://docs.alo.ai/doc/dev/alo-platform-api/api/users';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.alo.ai/v1',
			description: 'Root of the ĀLO Platform API, without a trailing slash',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Developer API key from your ĀLO developer account',
		},
	];

	/**
	 * A function rather than a `={{$credentials…}}` template: n8n evaluates a template in its
	 * expression sandbox on every request, which costs more than the header itself.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users',
			qs: { per_page: 1 },
		},
	};
}
