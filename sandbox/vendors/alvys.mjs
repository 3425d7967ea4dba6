import { seededUuid } from '../random.mjs';
import { tokenBucket } from '../framework.mjs';

/**
 * Alvys Public API users (https://docs.alvys.com/reference/post_api-p-v-version-users-search):
 * OAuth client-credentials tokens, `GET /api/p/v{version}/users/list` (bare array),
 * `POST /api/p/v{version}/users/search` (0-based pages, `pageSize > 0`, keyword), PascalCase
 * on the wire, request bodies in any casing, ProblemDetails errors, and the documented
 * 10 requests/second per token enforced with a token bucket (429 when exceeded).
 */
const CLIENT_ID = 'alvys-sandbox-client';
const CLIENT_SECRET = 'alvys-sandbox-secret';
const AUDIENCE = 'https://api.alvys.com/public/';
const ROLES = ['Admin', 'Dispatcher', 'Driver', 'Biller', 'SalesAgent', 'DataEntry', 'Safety'];

export default {
	name: 'alvys',
	defaults: {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		/** Lifetime of issued tokens; tests shorten it to see a refresh. */
		tokenTtlSeconds: 3600,
		/** Requests per second allowed per token (documented: 10). */
		ratePerSecond: 10,
		/** Scopes granted to the sandbox application; without `user:read` users calls get 403. */
		scopes: ['user:read'],
		/** Key casing of API responses: the spec's `PascalCase`, or `camelCase` as the prose shows. */
		wireCase: 'PascalCase',
	},

	credentials: (sandbox) => ({
		clientId: sandbox.options.clientId,
		clientSecret: sandbox.options.clientSecret,
		tokenUrl: `${sandbox.url}/oauth/token`,
		audience: AUDIENCE,
		baseUrl: sandbox.url,
		apiVersion: '1',
	}),

	createState({ people, options, random }) {
		const users = people
			.filter((person) => person.index % 11 !== 7) // not everyone has an Alvys login
			.map((person) => alvysUser(person, random));
		return {
			users,
			tokens: new Map(),
			bucket: tokenBucket({ capacity: options.ratePerSecond, perSecond: options.ratePerSecond }),
		};
	},

	faultBody: (status) =>
		problem(status, status === 429 ? 'Too Many Requests' : 'Service Unavailable').body,

	handle(ctx) {
		if (ctx.path === '/oauth/token' && ctx.method === 'POST') return issueToken(ctx);
		const result = handleApi(ctx);
		return ctx.options.wireCase === 'camelCase'
			? { ...result, body: camelKeys(result.body) }
			: result;
	},

	/**
	 * `{op: 'setStatus', status, id | email}`: e.g. disable a user to drive offboarding;
	 * `{op: 'expireTokens'}`: every token issued so far stops working.
	 */
	mutate(state, change) {
		if (change.op === 'expireTokens') {
			state.tokens.clear();
			return { expired: true };
		}
		const user = state.users.find(
			(u) =>
				(change.id && u.Id === change.id) ||
				(change.email && u.Email?.toLowerCase() === String(change.email).toLowerCase()),
		);
		if (!user) throw new Error('No such Alvys user');
		if (change.op === 'setStatus') user.Status = change.status;
		else throw new Error(`Unknown op ${change.op}`);
		user.ModifiedAt = new Date().toISOString();
		return user;
	},
};

function handleApi(ctx) {
	const match = ctx.path.match(/^\/api\/p\/v([^/]+)\/users\/(list|search)$/);
	if (!match) return problem(404, 'Not Found', `No endpoint ${ctx.method} ${ctx.path}`);
	const token = bearer(ctx);
	const grant = token && ctx.state.tokens.get(token);
	if (!grant || grant.expiresAt <= Date.now())
		return {
			status: 401,
			body: undefined,
			headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
		};
	if (!ctx.state.bucket.take(token))
		return problem(429, 'Too Many Requests', 'Rate limit of 10 requests per second exceeded');
	if (!grant.scopes.includes('user:read'))
		return problem(403, 'Forbidden', 'The token does not have the required scope user:read');
	if (match[2] === 'list' && ctx.method === 'GET') return { status: 200, body: ctx.state.users };
	if (match[2] === 'search' && ctx.method === 'POST') return search(ctx);
	return problem(405, 'Method Not Allowed');
}

function issueToken(ctx) {
	const body = lowerKeys(ctx.body);
	const { options } = ctx;
	if (body.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
	if (body.client_id !== options.clientId || body.client_secret !== options.clientSecret)
		return oauthError(401, 'access_denied', 'Unauthorized');
	if (body.audience !== AUDIENCE)
		return oauthError(403, 'access_denied', `Service not enabled within domain: ${body.audience}`);
	const token = `alvys-${seededUuid(Math.random)}`;
	ctx.state.tokens.set(token, {
		expiresAt: Date.now() + options.tokenTtlSeconds * 1000,
		scopes: options.scopes,
	});
	return {
		status: 200,
		body: {
			access_token: token,
			expires_in: options.tokenTtlSeconds,
			token_type: 'Bearer',
			scope: options.scopes.join(' '),
		},
	};
}

function search(ctx) {
	const body = lowerKeys(ctx.body);
	const page = Number(body.page ?? 0);
	const asked = Number(body.pagesize);
	const pageSize = Math.min(asked, ctx.options.pageCap ?? asked);
	if (!Number.isInteger(asked) || asked <= 0) {
		return {
			status: 400,
			body: {
				...problem(400, 'One or more validation errors occurred.').body,
				Errors: { PageSize: ["'Page Size' must be greater than '0'."] },
			},
		};
	}
	const keyword = String(body.keyword ?? '')
		.trim()
		.toLowerCase();
	const matching = keyword
		? ctx.state.users.filter((u) =>
				[u.Name, u.UserName, u.Email, u.Phone].some((v) => v?.toLowerCase().includes(keyword)),
			)
		: ctx.state.users;
	return {
		status: 200,
		body: {
			Page: page,
			PageSize: pageSize,
			Total: matching.length,
			Items: matching.slice(page * pageSize, (page + 1) * pageSize),
			Facets: null,
		},
	};
}

function alvysUser(person, random) {
	const role = ROLES[person.index % ROLES.length];
	return {
		Id: seededUuid(random),
		UserName: `${person.firstName}.${person.lastName}${person.index}`.toLowerCase(),
		Name: `${person.firstName} ${person.lastName}`,
		Email: person.email,
		UserType: role === 'Driver' ? 'Driver' : 'Employee',
		Role: role,
		Phone: person.phone,
		CompanyCode: 'SBX',
		Status: person.active ? 'Active' : person.index % 20 === 19 ? 'Deleted' : 'Disabled',
		Permissions: role === 'Admin' ? ['*'] : [`${role.toLowerCase()}:read`],
		CreatedAt: person.createdAt,
		ModifiedAt: person.createdAt,
	};
}

function bearer(ctx) {
	const header = String(ctx.headers.authorization ?? '');
	return header.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** `{Items: [{Id}]}` → `{items: [{id}]}`, deeply; values are left as they are. */
function camelKeys(value) {
	if (Array.isArray(value)) return value.map(camelKeys);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelKeys(v)]),
	);
}

function lowerKeys(body) {
	return Object.fromEntries(
		Object.entries(body && typeof body === 'object' ? body : {}).map(([k, v]) => [
			k.toLowerCase(),
			v,
		]),
	);
}

function problem(status, title, detail) {
	return {
		status,
		body: {
			Type: `https://httpstatuses.io/${status}`,
			Title: title,
			Status: status,
			...(detail ? { Detail: detail } : {}),
			TraceId: '00-sandbox',
		},
	};
}

function oauthError(status, error, description) {
	return { status, body: { error, error_description: description ?? error } };
}
