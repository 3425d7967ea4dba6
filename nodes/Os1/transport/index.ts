import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { isObject, type AnswerCheck } from '../../shared/answers';
import { VendorRefusalError, type VendorError } from '../../shared/errors';
import { createSession, type SendOptions, type VendorApi } from '../../shared/request';
import type { RequestContext } from '../../shared/types';
import { requireHttpUrl } from '../../shared/validate';

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
		message: typeof error.description === 'string' ? error.description : 'OS1 returned an error',
		code: error.code !== undefined ? String(error.code) : undefined,
	};
}

export const OS1_API: VendorApi = {
	name: 'OS1',
	credentialType: 'os1Api',
	parseError: parseOs1Error,
	tokenField: 'accessToken',
	secretFields: ['clientSecret', 'accessToken'],
	hints: {
		401: 'Check the tenant URL, tenant ID, client ID and secret of the OS1 credential.',
		404: 'If every call fails this way, check the Users Path of the OS1 credential.',
	},
};

export interface Os1SendOptions extends Omit<SendOptions, 'expect'> {
	/** What the envelope's `data` must look like. */
	expect?: AnswerCheck;
	/** `data` may be missing (a 202 that accepted work for later). */
	dataOptional?: boolean;
}

export interface Os1Client {
	/** Sends a request under the users path and returns the envelope's `data`. */
	request<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		request?: { qs?: IDataObject; body?: IDataObject },
		send?: Os1SendOptions,
	): Promise<T>;
	/** Same, keeping the HTTP status (OS1 answers 202 when it accepted work for later). */
	requestWithStatus<T = IDataObject>(
		method: IHttpRequestMethods,
		path: string,
		request?: { qs?: IDataObject; body?: IDataObject },
		send?: Os1SendOptions,
	): Promise<{ statusCode: number; data: T }>;
}

/**
 * Every OS1 answer is an envelope. An `error` in it is OS1 refusing, whatever the status;
 * a body that is no envelope at all is a malformed answer.
 */
function envelopeCheck(send: Os1SendOptions): AnswerCheck {
	return (body, statusCode) => {
		if (!isObject(body)) return 'an OS1 envelope ({error, data})';
		if (body.error !== undefined && body.error !== null)
			throw new VendorRefusalError('OS1', statusCode, body);
		if (body.data === undefined || body.data === null)
			return send.dataOptional ? undefined : 'an OS1 envelope with data';
		return send.expect?.(body.data, statusCode);
	};
}

/** Tenant URL and users path are read from the credential once per execution. */
export async function os1Client(context: RequestContext): Promise<Os1Client> {
	const { tenantUrl, usersPath } = await context.getCredentials<{
		tenantUrl: string;
		usersPath: string;
	}>('os1Api');
	const baseURL = requireHttpUrl(context.getNode(), 'OS1 API', 'Tenant URL', tenantUrl);
	const root = `/${String(usersPath || '/core/api/v1/users')
		.trim()
		.replace(/^\/+|\/+$/g, '')}`;
	const session = await createSession(context, OS1_API);
	const full = async <T>(
		method: IHttpRequestMethods,
		path: string,
		request: { qs?: IDataObject; body?: IDataObject } = {},
		send: Os1SendOptions = {},
	) => {
		const answer = await session.send<Os1Envelope<T>>(
			{ method, baseURL, url: `${root}${path}`, qs: request.qs, body: request.body },
			{ ...send, expect: envelopeCheck(send) },
		);
		return { statusCode: answer.statusCode, data: answer.body.data as T };
	};
	return {
		async request<T>(
			method: IHttpRequestMethods,
			path: string,
			request?: { qs?: IDataObject; body?: IDataObject },
			send?: Os1SendOptions,
		) {
			return (await full<T>(method, path, request, send)).data;
		},
		requestWithStatus: full,
	};
}
