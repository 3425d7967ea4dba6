/**
 * The ways of doing each job inside n8n: our node; what a user builds without us with n8n's
 * HTTP Request node (v4.2) and its built-in pagination, then Split Out to get one item per user;
 * and the platform floor, the bench-only node in floor/BenchFloor.node.js.
 */
const OURS = 'n8n-nodes-workforce-users.';
const CRED = {
	alo: { aloApi: { id: 'workforceAloApi', name: 'ĀLO account' } },
	alvys: { alvysApi: { id: 'workforceAlvysApi', name: 'Alvys account' } },
	os1: { os1Api: { id: 'workforceOs1Api', name: 'OS1 account' } },
};
export const HEADER_CREDENTIALS = {
	alo: { id: 'benchAloHeader', name: 'ĀLO header (bench)', type: 'httpHeaderAuth' },
	alvys: { id: 'benchAlvysHeader', name: 'Alvys header (bench)', type: 'httpHeaderAuth' },
	os1: { id: 'benchOs1Header', name: 'OS1 header (bench)', type: 'httpHeaderAuth' },
};

const start = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		active: false,
		nodes: nodes.map((n, i) => ({ ...n, position: [220 * i, 0] })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const ours = (vendor, parameters) => ({
	id: `ours-${vendor}`,
	name: 'Ours',
	type: `${OURS}${vendor}`,
	typeVersion: 1,
	parameters: { resource: 'user', ...parameters },
	credentials: CRED[vendor],
});

const http = (vendor, parameters) => ({
	id: `http-${vendor}`,
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		...parameters,
	},
	credentials: {
		httpHeaderAuth: { id: HEADER_CREDENTIALS[vendor].id, name: HEADER_CREDENTIALS[vendor].name },
	},
});

/** The platform floor: the same requests with the least n8n machinery (floor/jobs.cjs). */
const floor = (vendor, parameters = {}) => ({
	id: `floor-${vendor}`,
	name: 'Floor',
	type: 'CUSTOM.benchFloor',
	typeVersion: 1,
	parameters: { job: vendor, ...parameters },
	credentials: CRED[vendor],
});

const splitOut = (field) => ({
	id: 'split',
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});

/** The same 1,000 input items on both sides: a list set once, then split into items. */
const idsNodes = (ids) => [
	{
		id: 'ids',
		name: 'User IDs',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'raw',
			jsonOutput: JSON.stringify({ ids: ids.map((id) => ({ id })) }),
			options: {},
		},
	},
	{ ...splitOut('ids'), id: 'split-ids', name: 'One item per ID' },
];

/** ĀLO: every user, inactive included, 100 per page. */
export function aloWorkflows(sandboxUrl) {
	return {
		ours: chain('benchAloOurs', 'bench ĀLO ours', [
			start,
			ours('alo', { operation: 'getAll', returnAll: true, filters: { includeInactive: true } }),
		]),
		http: chain('benchAloHttp', 'bench ĀLO HTTP Request', [
			start,
			http('alo', {
				method: 'GET',
				url: `${sandboxUrl}/v1/users`,
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'per_page', value: '100' },
						{ name: 'include_inactive', value: 'true' },
					],
				},
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.page >= $response.body.total_pages }}',
							limitPagesFetched: false,
						},
					},
				},
			}),
			splitOut('users'),
		]),
		platform: chain('benchAloFloor', 'bench ĀLO platform floor', [start, floor('alo')]),
	};
}

/** Alvys: every user. The HTTP side waits 100 ms between pages, the documented way to stay under 10/s. */
export function alvysWorkflows(sandboxUrl) {
	return {
		ours: chain('benchAlvysOurs', 'bench Alvys ours', [
			start,
			ours('alvys', { operation: 'getAll', returnAll: true }),
		]),
		http: chain('benchAlvysHttp', 'bench Alvys HTTP Request', [
			start,
			http('alvys', {
				method: 'POST',
				url: `${sandboxUrl}/api/p/v1/users/search`,
				sendBody: true,
				contentType: 'json',
				bodyParameters: { parameters: [{ name: 'pageSize', value: '={{ 100 }}' }] },
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount }}' }],
							},
							paginationCompleteWhen: 'other',
							completeExpression:
								'={{ $response.body.Items.length < 100 || ($response.body.Page + 1) * $response.body.PageSize >= $response.body.Total }}',
							limitPagesFetched: false,
							requestInterval: 100,
						},
					},
				},
			}),
			splitOut('Items'),
		]),
		platform: chain('benchAlvysFloor', 'bench Alvys platform floor', [start, floor('alvys')]),
	};
}

/**
 * OS1: the email of each of `ids`, one input item each. `ours` reads the ID with the
 * `{{ $json.id }}` expression, as a user would write it.
 */
export function os1Workflows(sandboxUrl, ids, tenantId) {
	const n = ids.length;
	return {
		ours: chain(`benchOs1Ours${n}`, `bench OS1 ours ${n}`, [
			start,
			...idsNodes(ids),
			ours('os1', {
				operation: 'getEmail',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			}),
		]),
		http: chain(`benchOs1Http${n}`, `bench OS1 HTTP Request ${n}`, [
			start,
			...idsNodes(ids),
			http('os1', {
				method: 'GET',
				url: `${sandboxUrl}/core/api/v1/users/email`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'ids', value: '={{ $json.id }}' }] },
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{ name: 'X-COREOS-TID', value: tenantId },
						{
							name: 'X-COREOS-REQUEST-ID',
							value: '={{ $execution.id }}-{{ $itemIndex }}-{{ Math.random() }}',
						},
					],
				},
				options: {},
			}),
			splitOut('data.users'),
		]),
		platform: chain(`benchOs1Floor${n}`, `bench OS1 platform floor ${n}`, [
			start,
			...idsNodes(ids),
			floor('os1', { idField: 'id' }),
		]),
	};
}
