import { seededUuid } from '../random.mjs';

/**
 * ĀLO Platform API users, as documented at
 * https://docs.alo.ai/doc/dev/alo-platform-api/api/users: Bearer API key, paged envelope
 * `{page, per_page, total_pages, response_count, total_count, users}` (per_page ≤ 100),
 * repeated `phone_number[]` / `device_id[]` filters ANDed together, 201 on create with a
 * `temp_password` for new phone users, and errors as `{status, message}` where message is a
 * string or `{error}`. Served under `/v1` so the credential's base URL is `<url>/v1`.
 */
const ROLES = ['admin', 'supervisor', 'member', 'staff'];
const API_KEY = 'alo-sandbox-key';

export default {
	name: 'alo',
	defaults: { apiKey: API_KEY },

	credentials: (sandbox) => ({ baseUrl: `${sandbox.url}/v1`, apiKey: sandbox.options.apiKey }),

	createState({ people, random }) {
		const users = [];
		const outsiders = [];
		for (const person of people) {
			// Every 13th person has no ĀLO account in this team; some of them use ĀLO elsewhere.
			if (person.index % 13 === 5) {
				if (person.index % 2 === 1) outsiders.push(phoneUser(person, random));
				continue;
			}
			users.push(person.index % 7 === 3 ? deviceUser(person, random) : phoneUser(person, random));
		}
		return { users, outsiders };
	},

	faultBody: (status) => ({
		status,
		message: status === 429 ? 'Too many requests' : 'Service unavailable',
	}),

	handle(ctx) {
		if (ctx.headers.authorization !== `Bearer ${ctx.options.apiKey}`) {
			return error(401, 'Unauthorized: invalid API key');
		}
		const match = ctx.path.match(/^\/v1\/users(?:\/([^/]+))?\/?$/);
		if (!match) return error(404, { error: `No route ${ctx.method} ${ctx.path}` });
		const id = match[1] && decodeURIComponent(match[1]);
		if (!id && ctx.method === 'GET') return list(ctx);
		if (!id && ctx.method === 'POST') return create(ctx);
		if (!id) return error(405, 'Method not allowed');
		const user = ctx.state.users.find((u) => u.id === id);
		if (!user) return error(404, { error: 'User not found' });
		if (ctx.method === 'GET') return { status: 200, body: { user: publicUser(user) } };
		if (ctx.method === 'POST' || ctx.method === 'PUT') return update(ctx, user);
		if (ctx.method === 'DELETE') {
			ctx.state.users.splice(ctx.state.users.indexOf(user), 1);
			return { status: 200, body: { user: publicUser(user) } };
		}
		return error(405, 'Method not allowed');
	},

	/** `{op: 'deactivate'|'activate'|'delete'|'rename', id | phone_number}`. */
	mutate(state, change) {
		const user = state.users.find(
			(u) =>
				(change.id && u.id === change.id) ||
				(change.phone_number && u.phone_number === change.phone_number),
		);
		if (!user) throw new Error('No such ĀLO user');
		if (change.op === 'deactivate') user.is_active = false;
		else if (change.op === 'activate') user.is_active = true;
		else if (change.op === 'delete') state.users.splice(state.users.indexOf(user), 1);
		else if (change.op === 'rename')
			Object.assign(user, { first_name: change.first_name, last_name: change.last_name });
		else throw new Error(`Unknown op ${change.op}`);
		return publicUser(user);
	},
};

function list(ctx) {
	const q = ctx.query;
	const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
	const cap = ctx.options.pageCap ?? 100;
	const perPage = Math.min(cap, Math.max(1, Number(q.get('per_page') ?? 100) || 100));
	const includeInactive = q.get('include_inactive') === 'true';
	const phones = q.getAll('phone_number[]');
	const devices = q.getAll('device_id[]');
	// Unfiltered, the directory itself is the listing: no copy per page, so a 100,000-user
	// directory costs a page's worth of work per request, not a pass over every user.
	const unfiltered = includeInactive && phones.length === 0 && devices.length === 0;
	const matching = unfiltered
		? ctx.state.users
		: ctx.state.users.filter(
				(u) =>
					(includeInactive || u.is_active) &&
					(phones.length === 0 || phones.includes(u.phone_number)) &&
					(devices.length === 0 || devices.includes(u.device_id)),
			);
	const users = matching.slice((page - 1) * perPage, page * perPage).map(publicUser);
	return {
		status: 200,
		body: {
			page,
			per_page: perPage,
			total_pages: Math.ceil(matching.length / perPage),
			response_count: users.length,
			total_count: matching.length,
			users,
		},
	};
}

function create(ctx) {
	const body = ctx.body ?? {};
	const problem = validate(body, true);
	if (problem) return error(422, `Validation failed: ${problem}`);
	const existing = findExisting(ctx.state.users, body);
	if (existing) return { status: 201, body: { user: publicUser(existing) } };
	const outsider = findExisting(ctx.state.outsiders, body);
	if (outsider) {
		// An existing ĀLO user joins the team with their own name, and no new password.
		ctx.state.outsiders.splice(ctx.state.outsiders.indexOf(outsider), 1);
		ctx.state.users.push(outsider);
		return { status: 201, body: { user: publicUser(outsider) } };
	}
	const now = new Date().toISOString();
	const user = {
		id: seededUuid(Math.random),
		login_type: body.login_type,
		phone_number: body.phone_number ?? '',
		device_id: body.device_id ?? '',
		first_name: body.first_name ?? '',
		last_name: body.last_name ?? '',
		name: body.name ?? '',
		email: '',
		is_active: body.is_active ?? true,
		role: body.role ?? 'member',
		created_at: now,
		updated_at: now,
	};
	ctx.state.users.push(user);
	const created = publicUser(user);
	if (user.login_type === 'PHONE_NUMBER') created.temp_password = `Tmp-${user.id.slice(0, 8)}`;
	return { status: 201, body: { user: created } };
}

function update(ctx, user) {
	const body = ctx.body ?? {};
	const problem = validate(body, false) ?? takenBy(ctx.state.users, body, user);
	if (problem) return error(422, `Validation failed: ${problem}`);
	for (const key of [
		'first_name',
		'last_name',
		'name',
		'phone_number',
		'device_id',
		'role',
		'is_active',
	]) {
		if (body[key] !== undefined) user[key] = body[key];
	}
	user.updated_at = new Date().toISOString();
	return { status: 200, body: { user: publicUser(user) } };
}

function validate(body, creating) {
	if (creating && !['PHONE_NUMBER', 'DEVICE'].includes(body.login_type))
		return 'Login type is not included in the list';
	const phoneLogin = body.login_type === 'PHONE_NUMBER';
	if (creating && phoneLogin) {
		if (!body.first_name) return "First name can't be blank";
		if (!body.last_name) return "Last name can't be blank";
		if (!body.phone_number) return "Phone number can't be blank";
	}
	if (creating && !phoneLogin) {
		if (!body.name) return "Name can't be blank";
		if (!body.device_id) return "Device can't be blank";
	}
	if (
		body.phone_number !== undefined &&
		body.phone_number !== '' &&
		!/^\+[1-9]\d{6,14}$/.test(body.phone_number)
	) {
		return 'Phone number is invalid';
	}
	if (body.role !== undefined && !ROLES.includes(body.role))
		return 'Role is not included in the list';
	return undefined;
}

/** A phone number or device ID belongs to one user only. */
function takenBy(users, body, self) {
	const other = (key) => body[key] && users.some((u) => u !== self && u[key] === body[key]);
	if (other('phone_number')) return 'Phone number has already been taken';
	if (other('device_id')) return 'Device has already been taken';
	return undefined;
}

function findExisting(users, body) {
	if (body.login_type === 'PHONE_NUMBER')
		return users.find((u) => u.phone_number && u.phone_number === body.phone_number);
	return users.find((u) => u.device_id && u.device_id === body.device_id);
}

function phoneUser(person, random) {
	return {
		id: seededUuid(random),
		login_type: 'PHONE_NUMBER',
		phone_number: person.phone,
		device_id: '',
		first_name: person.firstName,
		last_name: person.lastName,
		name: '',
		email: person.email,
		is_active: person.active,
		role: ROLES[person.index % ROLES.length],
		created_at: person.createdAt,
		updated_at: person.createdAt,
	};
}

function deviceUser(person, random) {
	return {
		...phoneUser(person, random),
		login_type: 'DEVICE',
		phone_number: '',
		device_id: `device-${String(person.index + 1).padStart(5, '0')}`,
		first_name: '',
		last_name: '',
		name: `Dock ${person.index + 1} tablet`,
		email: '',
		role: 'staff',
	};
}

function publicUser(user) {
	return { ...user };
}

function error(status, message) {
	return { status, body: { status, message } };
}
