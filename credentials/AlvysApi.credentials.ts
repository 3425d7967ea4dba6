import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Alvys API Access application (Admin Portal → Admin → API Access): OAuth client credentials
 * exchanged for a one-hour token (https://docs.alvys.com/docs/authentication-1). n8n keeps
 * the token in this credential and fetches a new one when a call returns 401.
 */
export class AlvysApi implements ICredentialType {
	name = 'alvysApi';

	displayName = 'Alvys API';

	icon: Icon = { light: 'file:../icons/alvys.svg', dark: 'file:../icons/alvys.dark.svg' };

	documentationUrl = 'https://docs.alvys.com/docs/authentication-1';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://auth.alvys.com/oauth/token',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: 'https://api.alvys.com/public/',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://integrations.alvys.com',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '1',
			description: 'The {version} in /api/p/v{version}/; Alvys asks for 1',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Client-credentials grant. The answer is checked here, so a token endpoint that answers
	 * without a token is reported as such, not later as a 401 that blames the credentials.
	 * Redirects are not followed: the secret is only ever sent to the Token URL itself.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = String(credentials.tokenUrl ?? '').trim();
		if (!/^https?:\/\/[^\s/]+\S*$/i.test(url)) {
			throw new Error(
				`Alvys credential › Token URL: "${url.slice(0, 60)}" is not an http(s) address`,
			);
		}
		const response: unknown = await this.helpers.httpRequest({
			method: 'POST',
			url,
			body: {
				client_id: credentials.clientId,
				client_secret: credentials.clientSecret,
				audience: credentials.audience,
				grant_type: 'client_credentials',
			},
			json: true,
			disableFollowRedirect: true,
			timeout: 30_000,
		});
		const token =
			typeof response === 'object' && response !== null
				? (response as { access_token?: unknown }).access_token
				: undefined;
		if (typeof token !== 'string' || token.trim() === '') {
			throw new Error(
				'The Alvys token endpoint answered without an access_token. Check the Token URL and Audience of the Alvys credential.',
			);
		}
		return { accessToken: token };
	}

	/** A function, not a template: n8n would evaluate a template in its sandbox per request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.accessToken)}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/api/p/v{{$credentials.apiVersion}}/users/search',
			body: { page: 0, pageSize: 1 },
		},
	};
}
