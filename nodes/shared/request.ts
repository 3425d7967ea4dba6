import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import type { AnswerCheck } from './answers';
import {
	AttemptTimeoutError,
	MalformedAnswerError,
	RedirectRefusedError,
	toNodeApiError,
	type VendorErrors,
} from './errors';
import { DEFAULT_RETRY_POLICY, withRetry, type RequestSafety, type RetryPolicy } from './retry';
import { settle } from './settle';
import type { RequestContext } from './types';
import { cancellationError, wait } from './wait';

/** What the shared request path needs to know about one vendor. */
export interface VendorApi extends VendorErrors {
	credentialType: string;
	retryPolicy?: RetryPolicy;
	/**
	 * The credential's hidden, expirable field holding a token that n8n fetches with
	 * `preAuthentication`, and must fetch again when a request answers 401.
	 */
	tokenField?: string;
	/** Credential fields whose values must never appear in an output or an error. */
	secretFields: string[];
}

export interface SendOptions {
	safety?: RequestSafety;
	itemIndex?: number;
	/**
	 * Wraps every attempt, e.g. to hold a rate-limit slot while it runs. `lastStart` is the
	 * time after which the request must not be sent again.
	 */
	aroundAttempt?: <T>(attempt: () => Promise<T>, lastStart: number) => Promise<T>;
	/** What a successful answer must look like; anything else is a malformed answer. */
	expect?: AnswerCheck;
	/** Whether the request changes data (default: any method but GET). */
	changesData?: boolean;
	/** For writes: what the user should check when the outcome is unknown. */
	checkHint?: string;
}

export interface Answer<T> {
	statusCode: number;
	body: T;
}

/** Default time one attempt may take, in seconds (the node's Options › Timeout). */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** A read gives up after this many attempt-times in total, retries and waits included. */
const TOTAL_DEADLINE_ATTEMPTS = 3;
/** Same-origin redirects followed before giving up. */
const MAX_REDIRECTS = 3;
/** Tells n8n not to refresh on its own after a 401: the session does it once for everyone. */
const NO_AUTOMATIC_REFRESH: IAdditionalCredentialOptions = { preAuthenticationRetryStatusCode: [] };

export interface HttpSession {
	send<T = unknown>(options: IHttpRequestOptions, send?: SendOptions): Promise<Answer<T>>;
	/** Aborts when the execution is cancelled (for waits outside a request). */
	readonly signal?: AbortSignal;
}

/**
 * Every request of one execution to one vendor goes through a session: n8n's
 * `httpRequestWithAuthentication` (n8n applies the credential and keeps the token in it),
 * plus what n8n does not do for us:
 * - each attempt ends after Options › Timeout, hung or trickling, and a request after three
 *   times that, retries and waits included; waits end early when the execution is cancelled;
 * - redirects are followed only to the same origin, so a key never goes to another host;
 * - a success answer that is not the expected shape is refused (retried when safe);
 * - the credential is read once per execution instead of once per request;
 * - when a token expires with many requests in flight, one of them takes the token another
 *   execution stored meanwhile or has n8n fetch one, and the others wait and reuse it,
 *   instead of each fetching its own;
 * - failures become a `NodeApiError` in the vendor's words, without secrets, and a write
 *   that may or may not have been applied says "outcome unknown".
 */
export async function createSession(context: RequestContext, api: VendorApi): Promise<HttpSession> {
	const signal = cancelSignalOf(context);
	const timeouts = new Map<number, number>();
	const timeoutMs = (itemIndex: number) => {
		let ms = timeouts.get(itemIndex);
		if (ms === undefined) {
			ms = readTimeoutSeconds(context, itemIndex) * 1000;
			timeouts.set(itemIndex, ms);
		}
		return ms;
	};
	const credential = await credentialOf(context, api);
	/** A token refresh under way, which every request of the execution waits for. */
	let refreshing: Promise<unknown> | undefined;

	const call = async (
		request: IHttpRequestOptions,
		attemptSignal: AbortSignal,
		data: ICredentialDataDecryptedObject,
	): Promise<IN8nHttpFullResponse> =>
		(await context.helpers.httpRequestWithAuthentication.call(
			withAbortSignal(context, attemptSignal),
			api.credentialType,
			// n8n's authenticate step writes into the options: every call gets its own copy.
			{ ...request, headers: { ...request.headers }, abortSignal: attemptSignal },
			{ ...NO_AUTOMATIC_REFRESH, credentialsDecrypted: { ...credential.identity, data } },
		)) as IN8nHttpFullResponse;

	/**
	 * Sends the request with a newer token than `stale`: the one another execution or worker
	 * stored in the credential meanwhile, or else a new one. Given the credential with its
	 * token field empty, n8n runs `preAuthentication`, stores the new token in the credential
	 * (where other executions and queue-mode workers find it) and writes it into `data`.
	 */
	const sendWithNewerToken = async (
		request: IHttpRequestOptions,
		attemptSignal: AbortSignal,
		stale: ICredentialDataDecryptedObject,
	) => {
		const tokenField = api.tokenField!;
		const stored = await context.getCredentials(api.credentialType);
		if (stored[tokenField] && stored[tokenField] !== stale[tokenField]) {
			const reused = await settle(call(request, attemptSignal, stored));
			if (reused.ok || statusOf(reused.error) !== 401) {
				credential.data = stored;
				if (reused.ok) return reused.value;
				throw reused.error;
			}
		}
		const data = { ...stored, [tokenField]: '' };
		try {
			return await call(request, attemptSignal, data);
		} finally {
			if (data[tokenField]) credential.data = data;
		}
	};

	/** Runs `task` while every other request of the execution waits for it. */
	const lead = async <T>(task: () => Promise<T>): Promise<T> => {
		const leader = task();
		const done = () => {
			refreshing = undefined;
		};
		refreshing = leader.then(done, done);
		return await leader;
	};

	/** One request, with at most one token refresh at a time for the whole execution. */
	const authorized = async (request: IHttpRequestOptions, attemptSignal: AbortSignal) => {
		const tokenField = api.tokenField;
		if (!tokenField) return await call(request, attemptSignal, credential.data);
		// Checked again after each wait: another refresh may have started meanwhile.
		while (refreshing) await refreshing;
		let used = credential.data;
		let first;
		if (used[tokenField]) {
			first = await settle(call(request, attemptSignal, used));
		} else {
			// No token stored yet: one request has n8n fetch it, the others then use it.
			first = await settle(
				lead(async () => await sendWithNewerToken(request, attemptSignal, used)),
			);
			used = credential.data;
		}
		if (first.ok) return first.value;
		if (statusOf(first.error) !== 401) throw first.error;
		if (credential.data !== used || refreshing) {
			// Another request renewed the token meanwhile: use it.
			await refreshing;
			return await call(request, attemptSignal, credential.data);
		}
		// This request leads; the others wait for its token instead of each fetching one.
		return await lead(async () => await sendWithNewerToken(request, attemptSignal, used));
	};

	/** One attempt: the request and its same-origin redirects, within the attempt's time. */
	const attempt = async <T>(options: IHttpRequestOptions, send: SendOptions, ms: number) =>
		await withinTime(api.name, ms, signal, async (attemptSignal) => {
			let request: IHttpRequestOptions = {
				json: true,
				...options,
				returnFullResponse: true,
				disableFollowRedirect: true,
			};
			for (let hop = 0; ; hop++) {
				const outcome = await settle(authorized(request, attemptSignal));
				if (outcome.ok) return checked<T>(api.name, outcome.value, send.expect);
				request = nextHop(api.name, request, outcome.error, hop);
			}
		});

	return {
		signal,
		async send<T>(options: IHttpRequestOptions, send: SendOptions = {}) {
			const ms = timeoutMs(send.itemIndex ?? 0);
			// No attempt starts after this, so one request never takes more than three attempt-times.
			const lastStart = Date.now() + ms * (TOTAL_DEADLINE_ATTEMPTS - 1);
			const once = async () => await attempt<T>(options, send, ms);
			const run = send.aroundAttempt
				? async () => await send.aroundAttempt!(once, lastStart)
				: once;
			const outcome = await settle(
				withRetry(run, send.safety ?? 'idempotent', api.retryPolicy ?? DEFAULT_RETRY_POLICY, {
					signal,
					deadline: lastStart,
				}),
			);
			if (outcome.ok) return outcome.value;
			// A cancelled execution ends as cancelled, not as a failed request.
			if (signal?.aborted) throw cancellationError(signal);
			throw toNodeApiError(context.getNode(), outcome.error, api, {
				itemIndex: send.itemIndex,
				write: send.changesData ?? (options.method ?? 'GET') !== 'GET',
				checkHint: send.checkHint,
				secrets: await secretsOf(context, api),
			});
		},
	};
}

/**
 * The credential as this execution sends it, read once. Otherwise n8n loads it from its
 * database and decrypts it again for every request, which profiling put at ~6 ms of CPU per
 * request, more than the rest of the request path together (bench/README.md). n8n still
 * applies it with the credential's own `authenticate`, and still fetches and stores tokens
 * with its `preAuthentication` (see `sendWithNewerToken`).
 */
async function credentialOf(context: RequestContext, api: VendorApi) {
	const { id, name } = context.getNode().credentials?.[api.credentialType] ?? {};
	return {
		identity: { id: id ?? '', name: name ?? '', type: api.credentialType },
		data: await context.getCredentials(api.credentialType),
	};
}

/** Runs `run` with a signal that aborts at the deadline or when the execution is cancelled. */
async function withinTime<T>(
	vendor: string,
	ms: number,
	cancel: AbortSignal | undefined,
	run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
	const controller = new AbortController();
	const signal = cancel ? AbortSignal.any([controller.signal, cancel]) : controller.signal;
	let timedOut = false;
	// Never settles unless the time is up; aborting the controller below stops its timer.
	const timeout = new Promise<never>((_resolve, reject) => {
		wait(ms, controller.signal).then(
			() => {
				timedOut = true;
				controller.abort();
				reject(new AttemptTimeoutError(vendor, ms));
			},
			() => undefined,
		);
	});
	try {
		return await Promise.race([run(signal), timeout]);
	} catch (error) {
		throw timedOut ? new AttemptTimeoutError(vendor, ms) : error;
	} finally {
		controller.abort();
	}
}

/**
 * n8n replaces a request's `abortSignal` with the execution's cancel signal. This view of the
 * context hands it one that also fires at the attempt's deadline, so a hung or trickling
 * response is really closed rather than left running.
 */
function withAbortSignal(context: RequestContext, signal: AbortSignal): RequestContext {
	return Object.create(context, {
		getExecutionCancelSignal: { value: () => signal },
	}) as RequestContext;
}

function cancelSignalOf(context: RequestContext): AbortSignal | undefined {
	const execute = context as Partial<IExecuteFunctions>;
	return typeof execute.getExecutionCancelSignal === 'function'
		? execute.getExecutionCancelSignal()
		: undefined;
}

/** Options › Timeout (seconds) of the item, for the contexts that have items. */
function readTimeoutSeconds(context: RequestContext, itemIndex: number): number {
	let value: unknown;
	try {
		if (typeof (context as IExecuteFunctions).getInputData === 'function') {
			value = (context as IExecuteFunctions).getNodeParameter(
				'options.timeout',
				itemIndex,
				DEFAULT_TIMEOUT_SECONDS,
			);
		} else if (typeof (context as IPollFunctions).getActivationMode === 'function') {
			value = (context as IPollFunctions).getNodeParameter(
				'options.timeout',
				DEFAULT_TIMEOUT_SECONDS,
			);
		}
	} catch {
		value = undefined;
	}
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
}

/** A success, if its body is what the caller expects. */
function checked<T>(
	vendor: string,
	response: IN8nHttpFullResponse,
	expect?: AnswerCheck,
): Answer<T> {
	const problem = expect?.(response.body, response.statusCode);
	if (problem !== undefined) {
		throw new MalformedAnswerError(vendor, response.statusCode, problem, response.body);
	}
	return { statusCode: response.statusCode, body: response.body as T };
}

/**
 * The request to send after a redirect, or the failure to report. Only same-origin
 * redirects are followed (credentials stay with the host they were set up for), and never
 * one that would turn a write into a GET.
 */
function nextHop(
	vendor: string,
	request: IHttpRequestOptions,
	error: unknown,
	hop: number,
): IHttpRequestOptions {
	const status = statusOf(error);
	const location = headerOf(error, 'location');
	if (status === undefined || status < 300 || status >= 400 || !location) throw error;
	const from = new URL(request.url, request.baseURL);
	const to = URL.canParse(location, from) ? new URL(location, from) : undefined;
	if (!to) throw new RedirectRefusedError(vendor, status, location, 'which is not an address');
	const shown = `${to.origin}${to.pathname}`;
	if (to.origin !== from.origin) {
		throw new RedirectRefusedError(
			vendor,
			status,
			shown,
			'another host, so it was not followed with your credentials. If the API moved, update the address in the credential.',
		);
	}
	const method = (request.method ?? 'GET').toUpperCase();
	if (method !== 'GET' && status !== 307 && status !== 308) {
		throw new RedirectRefusedError(
			vendor,
			status,
			shown,
			`which would turn this ${method} into a GET, so it was not followed`,
		);
	}
	if (hop + 1 >= MAX_REDIRECTS) {
		throw new RedirectRefusedError(vendor, status, shown, `after ${MAX_REDIRECTS} redirects`);
	}
	const next: IHttpRequestOptions = { ...request, url: to.href, qs: undefined };
	delete next.baseURL;
	return next;
}

type Loose = Record<string, unknown> | undefined;

function responseOf(error: unknown): Loose {
	let level = error as Loose;
	for (let depth = 0; level && typeof level === 'object' && depth < 6; depth++) {
		if (level.response && typeof level.response === 'object') return level.response as Loose;
		level = level.cause as Loose;
	}
	return undefined;
}

function statusOf(error: unknown): number | undefined {
	const response = responseOf(error);
	const status = Number(response?.status ?? response?.statusCode);
	if (Number.isInteger(status) && status > 0) return status;
	const code = Number((error as Loose)?.httpCode);
	return Number.isInteger(code) && code > 0 ? code : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
	const headers = responseOf(error)?.headers as IDataObject | undefined;
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** The credential's secrets as they are now (a token may have been renewed meanwhile). */
async function secretsOf(context: RequestContext, api: VendorApi): Promise<string[]> {
	const settled = await settle(context.getCredentials(api.credentialType));
	if (!settled.ok) return [];
	return api.secretFields
		.map((field) => settled.value[field])
		.filter((value): value is string => typeof value === 'string' && value.length > 0);
}
