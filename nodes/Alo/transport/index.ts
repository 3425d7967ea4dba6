import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorError } from '../../shared/errors';
import { sendRequest, type SendOptions, type VendorApi } from '../../shared/request';
import type { RequestContext } from '../../shared/types';

/**
 * ĀLO error bodies are `{status, message}`, where `message` is a string or `{error: "…"}`
 * (https://docs.alo.ai/doc/dev/alo-platform-api/api/users).
 */
export function parseAloError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object')
		return typeof body === 'string' && body ? { message: body } : undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (typeof message === 'string') return { message };
	if (
		message &&
		typeof message === 'object' &&
		typeof (message as IDataObject).error === 'string'
	) {
		return { message: (message as IDataObject).error as string };
	}
	if (typeof error === 'string') return { message: error };
	return undefined;
}

export const ALO_API: VendorApi = {
	credentialType: 'aloApi',
	parseError: parseAloError,
	hints: {
		401: 'Check the API key in the ĀLO credential.',
		403: 'The API key is valid but not allowed to manage users.',
	},
};

export interface AloClient {
	request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		request?: { qs?: IDataObject; body?: IDataObject },
		send?: SendOptions,
	): Promise<T>;
}

/**
 * A client for the ĀLO Platform API. The base URL is read from the credential once per
 * execution; n8n applies the API key to every request.
 */
export async function aloClient(context: RequestContext): Promise<AloClient> {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>('aloApi');
	const baseURL = baseUrl.replace(/\/+$/, '');
	return {
		async request<T>(
			method: IHttpRequestMethods,
			path: string,
			request: { qs?: IDataObject; body?: IDataObject } = {},
			send: SendOptions = {},
		) {
			return await sendRequest<T>(
				context,
				ALO_API,
				// `phone_number[]=%2B1…` repeated: the documented filter format.
				{ method, baseURL, url: path, qs: request.qs, body: request.body, arrayFormat: 'repeat' },
				send,
			);
		},
	};
}
