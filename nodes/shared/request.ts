import type { IHttpRequestOptions } from 'n8n-workflow';

import { toNodeApiError, type ApiErrorContext, type VendorErrorParser } from './errors';
import { DEFAULT_RETRY_POLICY, withRetry, type RequestSafety, type RetryPolicy } from './retry';
import type { RequestContext } from './types';

/** What the shared request path needs to know about one vendor. */
export interface VendorApi {
	credentialType: string;
	parseError: VendorErrorParser;
	/** Advice per HTTP status, shown under the vendor's own message. */
	hints?: ApiErrorContext['hints'];
	retryPolicy?: RetryPolicy;
}

export interface SendOptions {
	safety?: RequestSafety;
	itemIndex?: number;
	/** Wraps every attempt, e.g. to hold a rate-limit slot while it runs. */
	aroundAttempt?: <T>(attempt: () => Promise<T>) => Promise<T>;
}

/**
 * Sends one request through n8n's `httpRequestWithAuthentication` (so n8n applies the
 * credential, fetches a token when needed and refreshes it once on 401), retrying what is
 * safe to retry and turning failures into a `NodeApiError` in the vendor's words.
 */
export async function sendRequest<T>(
	context: RequestContext,
	api: VendorApi,
	options: IHttpRequestOptions,
	send: SendOptions = {},
): Promise<T> {
	const once = async (): Promise<T> => {
		// n8n's authenticate step writes into the options; every attempt gets its own copy.
		const copy: IHttpRequestOptions = { json: true, ...options, headers: { ...options.headers } };
		return (await context.helpers.httpRequestWithAuthentication.call(
			context,
			api.credentialType,
			copy,
		)) as T;
	};
	const attempt = send.aroundAttempt ? async () => await send.aroundAttempt!(once) : once;
	try {
		return await withRetry(
			attempt,
			send.safety ?? 'idempotent',
			api.retryPolicy ?? DEFAULT_RETRY_POLICY,
		);
	} catch (error) {
		throw toNodeApiError(context.getNode(), error, api.parseError, {
			itemIndex: send.itemIndex,
			hints: api.hints,
		});
	}
}
