import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { VendorError } from '../../shared/errors';
import { createSession, type SendOptions, type VendorApi } from '../../shared/request';
import type { RequestContext } from '../../shared/types';
import { requireHttpUrl } from '../../shared/validate';

/**
 * ĀLO error bodies are `{status, message}`, where `message` is a string or `{error: "…"}`
 * (https://docs.alo.ai/doc/dev/alo-platform-api/api/users).
 */
export function parseAloError(body: unknown): VendorError | undefined {
	if (!body || typeof body !== 'object')
		return typeof body === 'string' && body && !body.trimStart().startsWith('<')
			? { message: body }
			: undefined;
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
	name: 'ĀLO',
	credentialType: 'aloApi',
	parseError: parseAloError,
	secretFields: ['apiKey'],
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
 * A client for the ĀLO Platform API, one per execution. The base URL is read from the
 * credential and checked once; n8n applies the API key to every request.
 */
export async function aloClient(context: RequestContext): Promise<AloClient> {
	const { baseUrl } = await context.getCredentials<{ baseUrl: string }>('aloApi');
	const baseURL = requireHttpUrl(context.getNode(), 'ĀLO API', 'Base URL', baseUrl);
	const session = await createSession(context, ALO_API);
	return {
		async request<T>(
			method: IHttpRequestMethods,
			path: string,
			request: { qs?: IDataObject; body?: IDataObject } = {},
			send: SendOptions = {},
		) {
			const answer = await session.send<T>(
				// `phone_number[]=%2B1…` repeated: the documented filter format.
				{ method, baseURL, url: path, qs: request.qs, body: request.body, arrayFormat: 'repeat' },
				send,
			);
			return answer.body;
		},
	};
}
