/** Workflows the queue-mode tests run, built from the examples and the end-to-end workflows. */
import { randomUUID } from 'node:crypto';

import { asWebhookWorkflow, ranOnNode, type Workflow } from '../../scripts/queue.mjs';
import { loadExamples } from '../../scripts/stage.mjs';
import { aloWorkflow, alvysWorkflow, os1Workflow } from '../e2e/workflows';

const P = 'n8n-nodes-workforce-users.';
const examples = loadExamples() as Record<string, Workflow>;

/** The workflows of test 1, webhook-started, in the order they run (each changes the data). */
export const COMPARED: Array<{ key: string; workflow: Workflow }> = [
	{ key: 'alo-every-op', workflow: aloWorkflow as Workflow },
	{ key: 'alvys-every-op', workflow: alvysWorkflow as Workflow },
	{ key: 'os1-every-op', workflow: os1Workflow as Workflow },
	{ key: 'onboarding', workflow: examples.onboarding },
	{ key: 'offboarding', workflow: examples.offboarding },
	{ key: 'directory-sync', workflow: examples['directory-sync'] },
].map(({ key, workflow }) => ({ key, workflow: asWebhookWorkflow(workflow, key) }));

type Connections = Record<
	string,
	{ main: Array<Array<{ node: string; type: string; index: number }>> }
>;

/** Manual trigger → the given nodes in a chain (each fed by the previous one). */
function chain(name: string, steps: Array<Record<string, unknown>>): Workflow {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: randomUUID(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Connections = {};
	let previous = 'Start';
	steps.forEach((step, i) => {
		nodes.push({ id: randomUUID(), typeVersion: 1, position: [220 * (i + 1), 0], ...step });
		connections[previous] = { main: [[{ node: String(step.name), type: 'main', index: 0 }]] };
		previous = String(step.name);
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const alvys5k = { alvysApi: { id: 'alvys5k', name: 'Alvys 5k' } };

/** Test 2: a little of Alvys and of OS1 (two parallel branches), so both tokens are used. */
export const tokensWorkflow: Workflow = (() => {
	const workflow = chain('queue: Alvys and OS1 tokens', [
		{
			name: 'Alvys some',
			type: `${P}alvys`,
			parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 },
			credentials: { alvysApi: { id: 'workforceAlvysApi', name: 'Alvys account' } },
		},
	]);
	workflow.nodes.push({
		id: randomUUID(),
		name: 'OS1 some',
		type: `${P}os1`,
		typeVersion: 1,
		position: [220, 200],
		parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 },
		credentials: { os1Api: { id: 'workforceOs1Api', name: 'OS1 account' } },
	});
	workflow.connections.Start.main[0].push({ node: 'OS1 some', type: 'main', index: 0 });
	return asWebhookWorkflow(workflow, 'tokens');
})();

/** Tests 2 and 3: every Alvys user of the 5,000-user sandbox (50 pages at 10 per second). */
export const alvys5kWorkflow: Workflow = asWebhookWorkflow(
	chain('queue: Alvys 5,000 users', [
		{
			name: 'Alvys users',
			type: `${P}alvys`,
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: alvys5k,
		},
	]),
	'alvys-5k',
);

/** Test 2: every OS1 user, then the email of each (batches of 10 IDs, 16 at once). */
export const os1EmailsWorkflow: Workflow = asWebhookWorkflow(
	chain('queue: OS1 emails', [
		{
			name: 'OS1 users',
			type: `${P}os1`,
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: { os1Api: { id: 'workforceOs1Api', name: 'OS1 account' } },
		},
		{
			name: 'OS1 emails',
			type: `${P}os1`,
			parameters: { resource: 'user', operation: 'getEmail', userId: '={{ $json.id }}' },
			credentials: { os1Api: { id: 'workforceOs1Api', name: 'OS1 account' } },
		},
	]),
	'os1-emails',
);

/**
 * Test 5: a Return All whose result is then written somewhere. The write (one ĀLO device user
 * named after the count) depends on the complete listing, so a run killed mid-listing must
 * leave no write behind. Answers at once (the run may never finish on its worker).
 */
export const returnAllThenWriteWorkflow: Workflow = asWebhookWorkflow(
	chain('queue: Return All, then write', [
		{
			name: 'Alvys users',
			type: `${P}alvys`,
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
			credentials: alvys5k,
		},
		{
			name: 'Count',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode:
					'const ids = $input.all().map((item) => item.json.Id);\nreturn [{ json: { count: ids.length, unique: new Set(ids).size } }];',
			},
		},
		{
			name: 'Record in ĀLO',
			type: `${P}alo`,
			parameters: {
				resource: 'user',
				operation: 'create',
				loginType: 'DEVICE',
				name: '={{ "Alvys sync " + $json.count + " users, " + $json.unique + " unique" }}',
				deviceId: '={{ "alvys-sync-" + $execution.id }}',
			},
			credentials: { aloApi: { id: 'workforceAloApi', name: 'ĀLO account' } },
		},
	]),
	'return-all-then-write',
	{ respond: 'onReceived' },
);

const everyMinute = { item: [{ mode: 'everyMinute' }] };

/** Test 4: triggers on the main; each run records where it ran. */
function triggerWorkflow(name: string, trigger: Record<string, unknown>): Workflow {
	const triggerNode = {
		id: randomUUID(),
		name: 'Trigger',
		typeVersion: 1,
		position: [0, 0],
		...trigger,
	};
	const ranOn = ranOnNode([220, 0]);
	return {
		name,
		nodes: [triggerNode, ranOn],
		connections: { Trigger: { main: [[{ node: ranOn.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export const triggerCredentials = {
	aloApi: { id: 'triggersAlo', name: 'ĀLO (triggers)' },
	alvysApi: { id: 'triggersAlvys', name: 'Alvys (triggers)' },
	os1Api: { id: 'triggersOs1', name: 'OS1 (triggers)' },
};

export const aloTriggerWorkflow = triggerWorkflow('queue: ĀLO user deactivated', {
	type: `${P}aloTrigger`,
	parameters: { events: ['userDeactivated'], pollTimes: everyMinute },
	credentials: { aloApi: triggerCredentials.aloApi },
});

export const os1TriggerWorkflow = triggerWorkflow('queue: OS1 user deactivated', {
	type: `${P}os1Trigger`,
	parameters: { events: ['userDeactivated'], pollTimes: everyMinute },
	credentials: { os1Api: triggerCredentials.os1Api },
});

/**
 * The offboarding example started by the Alvys Trigger (User Deactivated), as its README
 * suggests: the trigger takes the place, and the name, of the Alvys listing that follows the
 * manual trigger; the rest of the example (its safeguard included) is unchanged.
 */
export const alvysOffboarding: { workflow: Workflow; triggerNode: string } = (() => {
	const example = examples.offboarding;
	const start = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;
	const connections = { ...(example.connections as Connections) };
	const [listing] = connections[start.name].main[0];
	const node = example.nodes.find((n) => n.name === listing.node)!;
	if (node.type !== `${P}alvys`)
		throw new Error(`The offboarding example should start with an Alvys listing, not ${node.type}`);
	const nodes = example.nodes
		.filter((n) => n !== start)
		.map((n) => ({
			...n,
			...(n.credentials
				? {
						credentials: Object.fromEntries(
							Object.keys(n.credentials).map((type) => [
								type,
								triggerCredentials[type as keyof typeof triggerCredentials],
							]),
						),
					}
				: {}),
			...(n === node
				? {
						type: `${P}alvysTrigger`,
						parameters: { events: ['userDeactivated'], pollTimes: everyMinute },
					}
				: {}),
		}));
	const ranOn = ranOnNode([220, 300]);
	nodes.push(ranOn);
	delete connections[start.name];
	connections[node.name] = {
		main: [[...connections[node.name].main[0], { node: ranOn.name, type: 'main', index: 0 }]],
	};
	return {
		triggerNode: node.name,
		workflow: {
			name: 'queue: Alvys offboarding',
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		},
	};
})();
