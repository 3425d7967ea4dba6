import { seededUuid } from '../random.mjs';

/**
 * OS1 (Delhivery) User Management, as documented at https://docs.getos1.com/retrieve-users,
 * /how-to-create-a-user and /how-to-change-state-of-a-user, with the gateway paths this
 * package assumes (vendor-apis.md §5): client-credentials token at
 * `/core/api/v1/aaa/auth/client-credentials`, users at `/core/api/v1/users`. Every users call
 * needs `X-COREOS-ACCESS` (raw token), `X-COREOS-TID` and `X-COREOS-REQUEST-ID`; responses use
 * the `{error, data, request}` envelope with 12-digit error codes; creates are accepted
 * asynchronously (202); users move through onboarding → active → deboarding → inactive.
 */
const TENANT = 'sandbox-tenant';
const CLIENT_ID = 'os1-sandbox-client';
const CLIENT_SECRET = 'os1-sandbox-secret';
const AUDIENCE = 'platform:app:coreos';
const USERS = '/core/api/v1/users';
const MAX_IDS = 10;

/** Allowed moves between top-level states (a state may carry a sub-state: `active:available`). */
const TRANSITIONS = {
	onboarding: ['active', 'inactive'],
	active: ['deboarding', 'inactive'],
	deboarding: ['inactive', 'active'],
	inactive: ['active'],
};

// 12 digits: service (1017 = users, 1001 = AAA) + method + unique code.
const CODES = {
	missingHeader: '101700014001',
	badTenant: '100100014011',
	badToken: '100100014012',
	badCredentials: '100100024011',
	notFound: '101700024041',
	validation: '101700034001',
	tooManyIds: '101700044001',
	badTransition: '101700054091',
};

export default {
	name: 'os1',
	defaults: {
		tenantId: TENANT,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		tokenTtlSeconds: 86400,
	},

	credentials: (sandbox) => ({
		tenantUrl: sandbox.url,
		tenantId: sandbox.options.tenantId,
		clientId: sandbox.options.clientId,
		clientSecret: sandbox.options.clientSecret,
		audience: AUDIENCE,
		usersPath: USERS,
	}),

	createState({ people, random }) {
		const users = people.filter((p) => p.index % 17 !== 11).map((p) => os1User(p, random));
		return { users, tokens: new Map(), accepted: [] };
	},

	faultBody: (status) =>
		envelopeError(
			status,
			status === 429 ? '101799994291' : '101799995031',
			status === 429 ? 'Too many requests' : 'Service unavailable',
		).body,

	handle(ctx) {
		if (ctx.path === '/core/api/v1/aaa/auth/client-credentials' && ctx.method === 'POST')
			return issueToken(ctx);
		if (!ctx.path.startsWith(USERS))
			return fail(ctx, 404, CODES.notFound, `No route ${ctx.method} ${ctx.path}`);
		const problem = checkHeaders(ctx);
		if (problem) return problem;

		const rest = ctx.path.slice(USERS.length).replace(/^\//, '');
		if (rest === '' && ctx.method === 'GET') return list(ctx);
		if (rest === '' && ctx.method === 'POST') return create(ctx);
		if (rest === 'email' && ctx.method === 'GET')
			return lookup(ctx, 'ids', (u) => ({
				userId: u.id,
				email: u.email,
				uniqueCode: u.uniqueCode,
			}));
		if (rest === 'mobile' && ctx.method === 'GET') {
			return lookup(ctx, 'userId', (u) => ({
				userId: u.id,
				primaryMobile: u.primaryMobile,
				secondaryMobile: null,
				uniqueCode: u.uniqueCode,
			}));
		}
		const match = rest.match(/^([^/]+)(\/state)?$/);
		if (!match) return fail(ctx, 404, CODES.notFound, `No route ${ctx.method} ${ctx.path}`);
		const user = findUser(ctx.state.users, decodeURIComponent(match[1]));
		if (!user)
			return fail(ctx, 404, CODES.notFound, `User ${decodeURIComponent(match[1])} not found`);
		if (match[2] && ctx.method === 'GET')
			return ok(ctx, { id: user.id, state: user.state, event: user.lastEvent ?? null });
		if (match[2] && ctx.method === 'PUT') return changeState(ctx, user);
		if (ctx.method === 'GET') return ok(ctx, user);
		if (ctx.method === 'PUT') return update(ctx, user);
		return fail(ctx, 405, CODES.validation, 'Method not allowed');
	},

	/** `{op: 'setState', state, id | email}` or `{op: 'expireTokens'}`. */
	mutate(state, change) {
		if (change.op === 'expireTokens') {
			state.tokens.clear();
			return { expired: true };
		}
		const user = state.users.find(
			(u) => u.id === change.id || (change.email && u.email === change.email),
		);
		if (!user) throw new Error('No such OS1 user');
		if (change.op === 'setState') user.state = change.state;
		else throw new Error(`Unknown op ${change.op}`);
		return user;
	},
};

function issueToken(ctx) {
	const { clientId, clientSecret, audience } = ctx.body ?? {};
	if (
		clientId !== ctx.options.clientId ||
		clientSecret !== ctx.options.clientSecret ||
		audience !== AUDIENCE
	) {
		return fail(
			ctx,
			401,
			CODES.badCredentials,
			'Verify that you are accessing the correct tenant and that your client ID and client secret are valid on that tenant.',
		);
	}
	const accessToken = `os1-${seededUuid(Math.random)}`;
	ctx.state.tokens.set(accessToken, Date.now() + ctx.options.tokenTtlSeconds * 1000);
	return ok(ctx, { accessToken, expiresIn: ctx.options.tokenTtlSeconds, tokenType: 'Bearer' });
}

function checkHeaders(ctx) {
	const h = ctx.headers;
	for (const name of ['x-coreos-request-id', 'x-coreos-tid', 'x-coreos-access']) {
		if (!h[name])
			return fail(ctx, 400, CODES.missingHeader, `Missing required header ${name.toUpperCase()}`);
	}
	if (h['x-coreos-tid'] !== ctx.options.tenantId)
		return fail(ctx, 401, CODES.badTenant, `Unknown tenant ${h['x-coreos-tid']}`);
	const expiresAt = ctx.state.tokens.get(h['x-coreos-access']);
	if (!expiresAt || expiresAt <= Date.now())
		return fail(ctx, 401, CODES.badToken, 'Access token is invalid or expired');
	return undefined;
}

function list(ctx) {
	const q = ctx.query;
	const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
	const size = Math.min(ctx.options.pageCap ?? 1000, Math.max(1, Number(q.get('size') ?? 20) || 20));
	let users = ctx.state.users;
	const query = q.get('query');
	if (query) users = users.filter((u) => matches(u, query));
	const [sortField, direction] = sortOf(q.get('sortBy'), q.get('sortKey'));
	if (sortField) {
		users = [...users].sort(
			(a, b) =>
				String(a[sortField] ?? '').localeCompare(String(b[sortField] ?? '')) *
				(direction === 'desc' ? -1 : 1),
		);
	}
	const select = (q.get('select') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const pageUsers = users
		.slice((page - 1) * size, page * size)
		.map((u) => (select.length ? pick(u, select) : u));
	return ok(ctx, { users: pageUsers, meta: { totalElements: users.length, page, size } });
}

/** `query` grammar is undocumented: JSON `{op, arr: [{key, value}]}` as in OS1 samples, else free text. */
function matches(user, query) {
	try {
		const parsed = JSON.parse(query);
		const terms = parsed.arr ?? [];
		const test = (t) => String(user[t.key] ?? user.properties?.[t.key] ?? '') === String(t.value);
		return parsed.op === 'or' ? terms.some(test) : terms.every(test);
	} catch {
		return JSON.stringify(user).toLowerCase().includes(query.toLowerCase());
	}
}

function sortOf(sortBy, sortKey) {
	const dirs = ['asc', 'desc'];
	if (dirs.includes(String(sortBy).toLowerCase())) return [sortKey, String(sortBy).toLowerCase()];
	return [
		sortBy,
		dirs.includes(String(sortKey).toLowerCase()) ? String(sortKey).toLowerCase() : 'asc',
	];
}

function pick(user, fields) {
	const out = { id: user.id };
	for (const f of fields) if (f in user) out[f] = user[f];
	return out;
}

function lookup(ctx, param, shape) {
	const ids = (ctx.query.get(param) ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (ids.length === 0) return fail(ctx, 400, CODES.validation, `${param} is required`);
	if (ids.length > MAX_IDS)
		return fail(ctx, 400, CODES.tooManyIds, `At most ${MAX_IDS} ids are allowed per request`);
	// Unknown ids are ignored, as documented.
	const users = ids
		.map((id) => ctx.state.users.find((u) => u.id === id || u.uniqueCode === id))
		.filter(Boolean)
		.map(shape);
	return ok(ctx, { meta: { totalElements: users.length }, users });
}

function create(ctx) {
	const body = ctx.body ?? {};
	const missing = ['firstName', 'designation', 'category', 'employmentType'].find((k) => !body[k]);
	if (missing) return fail(ctx, 400, CODES.validation, `${missing} is required`);
	if (!['Regular', 'Adhoc'].includes(body.category))
		return fail(ctx, 400, CODES.validation, 'category must be one of Regular, Adhoc');
	if (!['Full-time', 'Part-time', 'Contract', 'N/A'].includes(body.employmentType))
		return fail(ctx, 400, CODES.validation, 'employmentType is invalid');
	const mobile = body.primaryMobile ?? {};
	if (
		!/^\+(\d{1}-)?(\d{1,3})$/.test(String(mobile.countryCode ?? '')) ||
		!/^\d{4,15}$/.test(String(mobile.number ?? ''))
	) {
		return fail(
			ctx,
			400,
			CODES.validation,
			'primaryMobile must have a valid countryCode and number',
		);
	}
	const index = ctx.state.users.length + ctx.state.accepted.length + 100000;
	const now = Date.now();
	const user = {
		...os1User(
			{
				index,
				uuid: seededUuid(Math.random),
				firstName: body.firstName,
				lastName: body.lastName ?? '',
				email: body.email ?? '',
				phone: `${mobile.countryCode}${mobile.number}`,
				jobTitle: body.designation,
				active: true,
				createdAt: new Date(now).toISOString(),
			},
			Math.random,
		),
		state: 'onboarding:pending',
		category: body.category,
	};
	user.properties.employmentType = body.employmentType;
	user.primaryMobile = { countryCode: mobile.countryCode, number: String(mobile.number) };
	// Accepted now, visible shortly after: OS1 processes creates asynchronously.
	ctx.state.users.push(user);
	return {
		status: 202,
		body: envelope(ctx, {
			id: user.id,
			requestId: ctx.headers['x-coreos-request-id'],
			status: 'ACCEPTED',
		}),
	};
}

function update(ctx, user) {
	const body = ctx.body ?? {};
	for (const key of ['firstName', 'lastName', 'middleName', 'email', 'category'])
		if (body[key] !== undefined) user[key] = body[key];
	if (body.primaryMobile) user.primaryMobile = body.primaryMobile;
	for (const key of ['designation', 'employmentType'])
		if (body[key] !== undefined) user.properties[key] = body[key];
	user.name = [user.firstName, user.lastName].filter(Boolean).join(' ');
	user.updatedAt = Date.now();
	return ok(ctx, user);
}

function changeState(ctx, user) {
	const { toState, reasonCode, data } = ctx.body ?? {};
	const from = String(user.state).split(':')[0];
	const to = String(toState ?? '').split(':')[0];
	if (!TRANSITIONS[to])
		return fail(ctx, 400, CODES.validation, `toState ${toState} is not a user state`);
	if (!TRANSITIONS[from]?.includes(to))
		return fail(ctx, 409, CODES.badTransition, `Cannot move user from ${user.state} to ${toState}`);
	user.state = toState;
	user.lastEvent = { reasonCode: reasonCode ?? null, data: data ?? {}, at: Date.now() };
	user.updatedAt = Date.now();
	return ok(ctx, { id: user.id, state: user.state, event: user.lastEvent });
}

function findUser(users, key) {
	if (key.startsWith('ref:')) {
		const ref = key.slice(4);
		return users.find(
			(u) => u.properties.aaaId === ref || u.userCode === ref || u.uniqueCode === ref,
		);
	}
	return users.find((u) => u.id === key);
}

function os1User(person, random) {
	const code = String(person.index + 1).padStart(5, '0');
	const [, countryCode, number] = person.phone.match(/^(\+1)(\d+)$/) ?? [
		null,
		'+91',
		person.phone.replace(/\D/g, ''),
	];
	const at = Date.parse(person.createdAt);
	return {
		id: `users:${person.uuid ?? seededUuid(random)}`,
		state: person.active ? 'active:available' : 'inactive',
		participantType: 'users',
		name: [person.firstName, person.lastName].filter(Boolean).join(' '),
		firstName: person.firstName,
		lastName: person.lastName,
		email: person.email,
		primaryMobile: { countryCode, number },
		uniqueCode: `EMP${code}`,
		userCode: `U-${code}`,
		category: person.index % 9 === 4 ? 'Adhoc' : 'Regular',
		owner: `tenants:${TENANT}`,
		properties: {
			aaaId: `aaa-${code}`,
			designation: person.jobTitle,
			employmentType: person.index % 9 === 4 ? 'Contract' : 'Full-time',
			department: 'Operations',
			workLocations: [],
		},
		createdAt: at,
		updatedAt: at,
	};
}

function envelope(ctx, data) {
	return {
		error: null,
		data,
		request: {
			uri: ctx.path,
			requestId: ctx.headers['x-coreos-request-id'] ?? null,
			queryString: ctx.query.toString(),
			method: ctx.method,
		},
	};
}

function ok(ctx, data) {
	return { status: 200, body: envelope(ctx, data) };
}

function envelopeError(status, code, description) {
	return { status, body: { error: { code, description }, data: null } };
}

function fail(ctx, status, code, description) {
	return { status, body: { ...envelope(ctx, null), error: { code, description } } };
}
