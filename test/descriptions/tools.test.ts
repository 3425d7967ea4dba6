import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadPackage, runNode } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

/**
 * The AI Agent tool variants (`usableAsTool`): for every operation, the tool n8n-core builds
 * from the node (`createNodeAsTool`, as an agent's tool) has a description that says what it
 * does in which system, and a schema with exactly what the operation needs when a person lets
 * the model fill in its required fields. One call per node then goes through the tool, with
 * the arguments a model would give, to the sandbox.
 */
const ACTION_NODES = { alo: 'ĀLO', alvys: 'Alvys', os1: 'OS1' } as const;
type NodeName = keyof typeof ACTION_NODES;

const alo = useSandbox('alo', { users: 30 });
const alvys = useSandbox('alvys', { users: 30 });
const os1 = useSandbox('os1', { users: 30 });
const credentials = () => ({
	aloApi: alo.credentials(),
	alvysApi: alvys.credentials(),
	os1Api: os1.credentials(),
});

let types: Record<NodeName, INodeType>;
beforeAll(async () => {
	const loader = await loadPackage();
	types = Object.fromEntries(
		Object.keys(ACTION_NODES).map((name) => [name, loader.getNode(name).type as INodeType]),
	) as Record<NodeName, INodeType>;
});

const operations = (name: NodeName) =>
	types[name].description.properties.find((p) => p.name === 'operation')!
		.options as INodePropertyOptions[];

/** The key n8n's editor gives a parameter the model defines: its label, made a valid name. */
const keyOf = (property: INodeProperties) => property.displayName.replace(/[^a-zA-Z0-9_-]/g, '_');

/** `$fromAI(...)`, as the editor writes it when a person lets the model define a field. */
const fromAI = (property: INodeProperties) =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${keyOf(property)}', \`\`, '${property.type === 'number' ? 'number' : property.type === 'boolean' ? 'boolean' : 'string'}') }}`;

/** The required fields an operation shows (the ones a model must fill in), as n8n decides. */
function requiredFields(name: NodeName, operation: string, extra: IDataObject = {}) {
	const description = types[name].description;
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		{ resource: 'user', operation, ...extra } as INodeParameters,
		true,
		false,
		null,
		description,
	)!;
	return description.properties.filter(
		(property) =>
			property.required &&
			property.type !== 'notice' &&
			NodeHelpers.displayParameter(values, property, null, description),
	);
}

function toolNode(name: NodeName, operation: string, extra: IDataObject = {}): INode {
	const parameters: IDataObject = {
		resource: 'user',
		operation,
		descriptionType: 'auto',
		...extra,
	};
	for (const property of requiredFields(name, operation, extra)) {
		parameters[property.name] =
			property.type === 'resourceLocator'
				? { __rl: true, mode: (property.default as { mode: string }).mode, value: fromAI(property) }
				: fromAI(property);
	}
	return {
		id: `${name}-${operation}`,
		name: `${ACTION_NODES[name]} ${operation}`,
		type: `CUSTOM.${name}Tool`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
	};
}

function asTool(
	name: NodeName,
	node: INode,
	invoke: (args: IDataObject) => Promise<unknown> = async () => '',
) {
	return createNodeAsTool({ node, nodeType: types[name], handleToolInvocation: invoke }).response;
}

describe('AI Agent tool variants', () => {
	it('every operation has its own description, saying what it does and in which system', () => {
		for (const name of Object.keys(ACTION_NODES) as NodeName[]) {
			const seen = new Set<string>();
			for (const option of operations(name)) {
				const tool = asTool(name, toolNode(name, String(option.value)));
				expect(tool.description).toBe(`${option.action} in ${ACTION_NODES[name]}`);
				expect(tool.description.split(' ').length).toBeLessThanOrEqual(14);
				// The first word is the operation's verb: Create, Get, Deactivate…
				expect(tool.description.split(' ')[0]).toBe(option.name.split(' ')[0]);
				seen.add(tool.description);
			}
			expect(seen.size).toBe(operations(name).length);
		}
	});

	it('the schema holds exactly the fields each operation needs', () => {
		const expected: Record<NodeName, Record<string, string[]>> = {
			alo: {
				create: ['First_Name', 'Last_Name', 'Phone_Number'],
				deactivate: ['User'],
				delete: ['User'],
				get: ['User'],
				getAll: [],
				update: ['User'],
			},
			alvys: { get: ['User'], getAll: [] },
			os1: {
				changeState: ['User', 'To_State'],
				create: ['First_Name', 'Designation', 'Mobile_Number'],
				deactivate: ['User'],
				get: ['User'],
				getAll: [],
				getEmail: ['User'],
				getMobile: ['User'],
				getState: ['User'],
				update: ['User'],
			},
		};
		for (const name of Object.keys(ACTION_NODES) as NodeName[]) {
			expect(
				operations(name)
					.map((o) => o.value)
					.sort(),
			).toEqual(Object.keys(expected[name]).sort());
			for (const option of operations(name)) {
				const tool = asTool(name, toolNode(name, String(option.value)));
				const shape = tool.schema.shape as Record<string, { _def: { typeName: string } }>;
				expect(Object.keys(shape), `${name} ${option.value}`).toEqual(
					expected[name][String(option.value)],
				);
				for (const field of Object.values(shape)) expect(field._def.typeName).toBe('ZodString');
			}
		}
		// A device user needs a name and a device ID instead.
		const device = asTool('alo', toolNode('alo', 'create', { loginType: 'DEVICE' }));
		expect(Object.keys(device.schema.shape)).toEqual(['Name', 'Device_ID']);
	});

	it('a model’s arguments, passed through the tool, reach the vendor as the operation needs them', async () => {
		const calls: Array<[NodeName, string, IDataObject, (json: IDataObject) => void]> = [
			[
				'alo',
				'get',
				{ User: (alo.sandbox.state.users as Array<{ id: string }>)[4].id },
				(json) => expect(json.id).toBe((alo.sandbox.state.users as Array<{ id: string }>)[4].id),
			],
			[
				'alvys',
				'get',
				{ User: (alvys.sandbox.state.users as Array<{ Email: string }>)[6].Email },
				(json) =>
					expect(json.Email).toBe((alvys.sandbox.state.users as Array<{ Email: string }>)[6].Email),
			],
			[
				'os1',
				'getEmail',
				{ User: (os1.sandbox.state.users as Array<{ id: string }>)[2].id },
				(json) =>
					expect(json.email).toBe((os1.sandbox.state.users as Array<{ email: string }>)[2].email),
			],
		];
		for (const [name, operation, args, check] of calls) {
			const node = toolNode(name, operation);
			// What n8n does when the agent calls the tool: run the node, the model's values in
			// place of each $fromAI().
			const tool = asTool(name, node, async (toolArgs) => {
				const parameters = JSON.parse(
					JSON.stringify(node.parameters).replace(
						/"=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('([\w-]+)'[^"]*\}\}"/g,
						(_, key: string) => JSON.stringify(toolArgs[key]),
					),
				) as IDataObject;
				const { items, error } = await runNode(
					{ type: name, credential: `${name}Api`, parameters },
					{ credentials: credentials() },
				);
				if (error) throw error;
				return items.map((item) => item.json);
			});
			const [json] = (await tool.invoke(args)) as IDataObject[];
			check(json);
		}
	});
});
