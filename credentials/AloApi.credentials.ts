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
			placeholder: 'e.g. https://api.alo.ai/v1',
			description:
				'Root of the ĀLO Platform API. Keep the default unless ĀLO gave your account another address.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The developer API key of your ĀLO developer account. n8n sends it as a Bearer token.',
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
		// What the Test button says, by the status ĀLO answers with: the field to check.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ĀLO refused the API Key. Check the API Key: copy the developer API key again from your ĀLO developer account.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'ĀLO accepted the API Key but does not let it read users. Check with ĀLO that this API Key may manage users.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No users API answers at the Base URL. Check the Base URL (the default is https://api.alo.ai/v1).',
				},
			},
		],
	};
}
