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
			displayName:
				'In Alvys, open Admin → API Access and create an application (Create New Application) with the Users (read) scope. Its client ID and secret go below.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID of your application in Alvys, under Admin → API Access',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret of the same application in Admin → API Access',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://auth.alvys.com/oauth/token',
			placeholder: 'e.g. https://auth.alvys.com/oauth/token',
			description:
				'Where n8n exchanges the client ID and secret for a one-hour access token. Keep the default unless Alvys gave you another.',
		},
		{
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: 'https://api.alvys.com/public/',
			placeholder: 'e.g. https://api.alvys.com/public/',
			description:
				'The API the access token is requested for, sent with the client ID and secret. Keep the default unless Alvys gave you another.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://integrations.alvys.com',
			placeholder: 'e.g. https://integrations.alvys.com',
			description:
				'Address of the Alvys public API. Keep the default unless Alvys gave you another.',
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
		// What the Test button says, by the status Alvys answers with: the field to check.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Alvys refused the Client ID or Client Secret. Check both: copy them again from Admin → API Access, and make sure the application has not expired.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Alvys refused the request. Check the Audience (the default is https://api.alvys.com/public/), and that the application has the Users (read) scope in Admin → API Access.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No users API answers there. Check the Base URL (the default is https://integrations.alvys.com) and the API Version (1).',
				},
			},
		],
	};
}
