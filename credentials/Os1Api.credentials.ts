import { randomUUID } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/**
 * An OS1 app's client credentials (https://docs.getos1.com/obtain-your-credentials),
 * exchanged for an access token that n8n keeps in this credential and renews when a call
 * returns 401.
 */
export class Os1Api implements ICredentialType {
	name = 'os1Api';

	displayName = 'OS1 API';

	icon: Icon = { light: 'file:../icons/os1.svg', dark: 'file:../icons/os1.dark.svg' };

	documentationUrl = 'https://docs.getos1.com/obtain-your-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant URL',
			name: 'tenantUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://mytenant.getos1.com',
			description: 'Address of your OS1 tenant, without a trailing slash',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'Sent as X-COREOS-TID on every request',
		},
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
			displayName: 'Audience',
			name: 'audience',
			type: 'string',
			default: 'platform:app:coreos',
		},
		{
			displayName: 'Users Path',
			name: 'usersPath',
			type: 'string',
			default: '/core/api/v1/users',
			description:
				'Path of the users service on your tenant. OS1 does not document its gateway path, so change it if your tenant serves users elsewhere.',
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
	 * Exchanges the client credentials for a token. The answer is checked here, so a token
	 * endpoint that answers without a token is reported as such, not later as a 401. Redirects
	 * are not followed: the secret is only ever sent to the tenant itself.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tenantUrl = String(credentials.tenantUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		if (!/^https?:\/\/[^\s/]+\S*$/i.test(tenantUrl)) {
			throw new Error(
				`OS1 credential › Tenant URL: "${tenantUrl.slice(0, 60)}" is not an http(s) address`,
			);
		}
		const response: unknown = await this.helpers.httpRequest({
			method: 'POST',
			url: `${tenantUrl}/core/api/v1/aaa/auth/client-credentials`,
			headers: {
				'X-COREOS-REQUEST-ID': randomUUID(),
				'X-COREOS-TID': String(credentials.tenantId),
			},
			body: {
				clientId: credentials.clientId,
				clientSecret: credentials.clientSecret,
				audience: credentials.audience,
			},
			json: true,
			disableFollowRedirect: true,
			timeout: 30_000,
		});
		const data =
			typeof response === 'object' && response !== null
				? (response as { data?: { accessToken?: unknown } }).data
				: undefined;
		const token = typeof data === 'object' && data !== null ? data.accessToken : undefined;
		if (typeof token !== 'string' || token.trim() === '') {
			throw new Error(
				'The OS1 token endpoint answered without data.accessToken. Check the Tenant URL and Audience of the OS1 credential.',
			);
		}
		return { accessToken: token };
	}

	/** The raw token (no "Bearer"), the tenant, and a new request id for every request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-COREOS-ACCESS': String(credentials.accessToken),
				'X-COREOS-TID': String(credentials.tenantId),
				'X-COREOS-REQUEST-ID': randomUUID(),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.tenantUrl.replace(/\\/+$/, "")}}',
			url: '={{$credentials.usersPath}}',
			qs: { page: 1, size: 1 },
		},
	};
}
