import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { VendorError } from '../../shared/errors';
import { sendRequest, type SendOptions, type VendorApi } from '../../shared/request';
import type { RequestContext } from '../../shared/types';

/** OS1 wraps every answer: `{error: {code, description} | null, data, request}`. */
export interface Os1Envelope<T = IDataObject> {
	error?: { code?: string | number; description?: string } | null;
	data?: T;
}

export function parseOs1Error(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object') {
		return typeof body === 'string' && body ? { message: body } : undefined;
	}
	const error = (body as Os1Envelope).error;
	if (!error || typeof error !== 'object') return undefined;
	return {
		message: error.description ?? 'OS1 returned an error',
		code: error.code !== undefined ? String(error.code) : undefined,
	};
}

export const OS1_API: VendorApi = {
	credentialType: 'os1Api',
	parseError: parseOs1Error,
	hints: {
		401: 'Check the tenant URL, tenant ID, client ID and secret of the OS1 credential.',
		404: 'If every call fails this way, check the Users Path of the OS1 credential.',
	},
};

export interface Os1Client {
	/** Sends a request under the users path and returns the envelope's `data`. */
	request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		request?: { qs?: IDataObject; body?: IDataObject },
		send?: SendOptions,
	): Promise<T>;
	/** Same, keeping the HTTP status (OS1 answers 202 when it accepted work for later). */
	requestWithStatus<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		request?: { qs?: IDataObject; body?: IDataObject },
		send?: SendOptions,
	): Promise<{ statusCode: number; data: T }>;
}

/** Tenant URL and users path are read from the credential once per execution. */
export async function os1Client(context: RequestContext): Promise<Os1Client> {
	const { tenantUrl, usersPath } = await context.getCredentials<{
		tenantUrl: string;
		usersPath: string;
	}>('os1Api');
	const baseURL = tenantUrl.replace(/\/+$/, '');
	const root = `/${(usersPath || '/core/api/v1/users').replace(/^\/+|\/+$/g, '')}`;
	const full = async <T>(
		method: IHttpRequestMethods,
		path: string,
		request: { qs?: IDataObject; body?: IDataObject } = {},
		send: SendOptions = {},
	) => {
		const response = await sendRequest<IN8nHttpFullResponse>(
			context,
			OS1_API,
			{
				method,
				baseURL,
				url: `${root}${path}`,
				qs: request.qs,
				body: request.body,
				returnFullResponse: true,
			},
			send,
		);
		const envelope = (response.body ?? {}) as Os1Envelope<T>;
		return { statusCode: response.statusCode, data: envelope.data as T };
	};
	return {
		async request<T>(
			method: IHttpRequestMethods,
			path: string,
			request?: { qs?: IDataObject; body?: IDataObject },
			send?: SendOptions,
		) {
			return (await full<T>(method, path, request, send)).data;
		},
		requestWithStatus: full,
	};
}
