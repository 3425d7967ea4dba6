/** One workflow per node, touching every operation in real n8n (types are package-prefixed). */
const P = 'n8n-nodes-workforce-users.';
const CRED = {
	alo: { aloApi: { id: 'workforceAloApi', name: 'ĀLO account' } },
	alvys: { alvysApi: { id: 'workforceAlvysApi', name: 'Alvys account' } },
	os1: { os1Api: { id: 'workforceOs1Api', name: 'OS1 account' } },
};

type Vendor = keyof typeof CRED;
type Step = [name: string, vendor: Vendor, parameters: Record<string, unknown>];

/** Start → each chain of steps in order (every chain starts from the manual trigger). */
function chainWorkflow(id: string, name: string, chains: Step[][]) {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: `${id}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	const connect = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	chains.forEach((chain, row) => {
		let previous = 'Start';
		chain.forEach(([stepName, vendor, parameters], column) => {
			nodes.push({
				id: `${id}-${row}-${column}`,
				name: stepName,
				type: `${P}${vendor}`,
				typeVersion: 1,
				position: [220 * (column + 1), 160 * row],
				parameters: { resource: 'user', ...parameters },
				credentials: CRED[vendor],
			});
			connect(previous, stepName);
			previous = stepName;
		});
	});
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export const aloWorkflow = chainWorkflow('e2eAloEveryOp', 'e2e ĀLO every operation', [
	[
		['ĀLO list', 'alo', { operation: 'getAll', returnAll: false, limit: 2 }],
		['ĀLO get', 'alo', { operation: 'get', userId: byId('={{ $json.id }}') }],
		[
			'ĀLO update',
			'alo',
			{
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { lastName: 'Updated-E2E' },
			},
		],
		['ĀLO deactivate', 'alo', { operation: 'deactivate', userId: byId('={{ $json.id }}') }],
	],
	[
		[
			'ĀLO create',
			'alo',
			{ operation: 'create', loginType: 'DEVICE', name: 'E2E kiosk', deviceId: 'e2e-kiosk-1' },
		],
		['ĀLO delete', 'alo', { operation: 'delete', userId: byId('={{ $json.id }}') }],
	],
]);

export const alvysWorkflow = chainWorkflow('e2eAlvysEveryOp', 'e2e Alvys every operation', [
	[
		['Alvys list', 'alvys', { operation: 'getAll', returnAll: true }],
		['Alvys get', 'alvys', { operation: 'get', userId: '={{ $json.Email }}' }],
	],
]);

export const os1Workflow = chainWorkflow('e2eOs1EveryOp', 'e2e OS1 every operation', [
	[
		[
			'OS1 list',
			'os1',
			{
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				options: {
					query: '{"op":"and","arr":[{"key":"state","value":"active:available"}]}',
					sortBy: 'email',
				},
			},
		],
		[
			'OS1 get',
			'os1',
			{ operation: 'get', lookUpBy: 'uniqueCode', userId: '={{ $json.uniqueCode }}' },
		],
		['OS1 email', 'os1', { operation: 'getEmail', userId: '={{ $json.id }}' }],
		['OS1 mobile', 'os1', { operation: 'getMobile', userId: '={{ $json.userId }}' }],
		[
			'OS1 update',
			'os1',
			{
				operation: 'update',
				userId: '={{ $json.userId }}',
				updateFields: { designation: 'E2E Lead' },
			},
		],
		['OS1 state', 'os1', { operation: 'getState', userId: '={{ $json.id }}' }],
		[
			'OS1 change state',
			'os1',
			{
				operation: 'changeState',
				userId: '={{ $json.id }}',
				toState: 'deboarding',
				options: { reasonCode: 'E2E' },
			},
		],
		['OS1 deactivate', 'os1', { operation: 'deactivate', userId: '={{ $json.id }}' }],
	],
	[
		[
			'OS1 create',
			'os1',
			{
				operation: 'create',
				firstName: 'E2E',
				designation: 'Tester',
				category: 'Adhoc',
				employmentType: 'Contract',
				mobileNumber: '+91 90000 00001',
			},
		],
	],
]);
