/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/run';

const ROOT = path.resolve(__dirname, '../..');
const ACTION_NODES = ['alo', 'alvys', 'os1'] as const;
const TRIGGERS = ['aloTrigger', 'alvysTrigger', 'os1Trigger'] as const;

let nodes: Record<string, INodeType>;
let credentials: Record<string, ICredentialType>;

beforeAll(async () => {
	const loader = await loadPackage();
	nodes = Object.fromEntries(
		[...ACTION_NODES, ...TRIGGERS].map((name) => [name, loader.getNode(name).type as INodeType]),
	);
	credentials = Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, c]) => [name, c.type]),
	);
});

const describeNode = (name: string) => nodes[name].description;
const operationProperty = (name: string) =>
	describeNode(name).properties.find((p) => p.name === 'operation')!;
const operations = (name: string) => operationProperty(name).options as INodePropertyOptions[];

/** Every property, with those inside collections, fixed collections and locator modes. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	// Poll Times is n8n's own, added to every polling trigger when it loads.
	return properties
		.filter((property) => property.name !== 'pollTimes')
		.flatMap((property) => {
			const nested = (property.options ?? []).flatMap((option) => {
				if ('type' in option && 'displayName' in option) return allProperties([option]);
				if ('values' in option) return allProperties((option as INodePropertyCollection).values);
				return [];
			});
			return [property, ...nested];
		});
}

/** The canvas subtitle as the editor computes it, for a node with these parameters. */
function subtitleOf(name: string, parameters: Record<string, unknown>): string {
	const nodeType = nodes[name];
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node = {
		id: 'n',
		name: 'Node',
		type: `CUSTOM.${name}`,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return String(
		workflow.expression.getSimpleParameterValue(node, describeNode(name).subtitle!, 'internal', {}),
	);
}

describe('subtitles on the canvas', () => {
	it('name each operation as a person reads it, never `getAll: user`', () => {
		for (const name of ACTION_NODES) {
			for (const option of operations(name)) {
				const subtitle = subtitleOf(name, { resource: 'user', operation: option.value });
				expect(subtitle).not.toContain(':');
				// No internal value (getAll, changeState): no camelCase word.
				expect(subtitle).not.toMatch(/[a-z][A-Z]/);
				// The operation's own words, in sentence case: "Get many users", "Change user state".
				const [verb] = option.name.split(' ');
				expect(subtitle.startsWith(verb)).toBe(true);
				expect(subtitle).toMatch(/ users?( |$)/);
				expect(subtitle.slice(1)).toBe(subtitle.slice(1).toLowerCase());
			}
		}
	});

	it('list a trigger’s events by name', () => {
		for (const name of TRIGGERS) {
			expect(subtitleOf(name, { events: ['userCreated', 'userDeactivated'] })).toBe(
				'User Created, User Deactivated',
			);
			expect(subtitleOf(name, { events: [] })).toBe('');
		}
	});
});

describe('actions and events in the node panel', () => {
	it('are listed alphabetically by name, and their actions sort the same way', () => {
		for (const name of ACTION_NODES) {
			const names = operations(name).map((o) => o.name);
			const actions = operations(name).map((o) => o.action!);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(actions).toEqual([...actions].sort((a, b) => a.localeCompare(b)));
			expect(new Set(actions).size).toBe(actions.length);
		}
	});

	it('triggers name their events in title case ("On User Created")', () => {
		for (const name of TRIGGERS) {
			const events = describeNode(name).properties.find((p) => p.name === 'events')!;
			for (const option of events.options as INodePropertyOptions[]) {
				expect(option.action).toBe(`On ${option.name}`);
				expect(option.name).toMatch(/^User [A-Z][a-z]+$/);
			}
		}
	});
});

const STOP_WORDS = new Set(
	'a an the of to in on for and or as is it its by be with from this that these which whether'.split(
		' ',
	),
);
const words = (text: string) =>
	text
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s]/gu, ' ')
		.split(/\s+/)
		.filter((w) => w && !STOP_WORDS.has(w));

describe('field texts', () => {
	it('placeholders are examples in sentence case ("e.g. …"), or n8n’s own button labels', () => {
		const allowed = new Set([
			'Select a user…',
			'name@email.com',
			'Add Field',
			'Add Filter',
			'Add Option',
		]);
		const bad: string[] = [];
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			for (const property of allProperties(describeNode(name).properties)) {
				const placeholders = [
					property.placeholder,
					...(property.modes ?? []).map((mode) => mode.placeholder),
				].filter((p): p is string => typeof p === 'string');
				for (const placeholder of placeholders)
					if (!allowed.has(placeholder) && !placeholder.startsWith('e.g. '))
						bad.push(`${name} › ${property.displayName}: "${placeholder}"`);
			}
		}
		expect(bad).toEqual([]);
	});

	it('no description only restates its field’s name ("Passed to OS1 as sortBy")', () => {
		const bad: string[] = [];
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			for (const property of allProperties(describeNode(name).properties)) {
				if (!property.description || property.type === 'notice') continue;
				const own = new Set(words(property.displayName));
				const added = words(property.description).filter(
					(w) => !own.has(w) && !['alo', 'ālo', 'alvys', 'os1', 'passed', 'sent'].includes(w),
				);
				if (added.length < 2 || /passed to \S+ as/i.test(property.description))
					bad.push(`${name} › ${property.displayName}: "${property.description}"`);
			}
		}
		expect(bad).toEqual([]);
	});

	it('every required field says what to enter', () => {
		const bad: string[] = [];
		for (const name of ACTION_NODES) {
			for (const property of allProperties(describeNode(name).properties))
				if (property.required && !property.description)
					bad.push(`${name} › ${property.displayName}`);
		}
		expect(bad).toEqual([]);
	});
});

describe('Simplify', () => {
	it('is on Get and Get Many of every node, off by default, naming the fields it keeps', () => {
		for (const name of ACTION_NODES) {
			const simplify = describeNode(name).properties.filter((p) => p.name === 'simplify');
			expect(simplify).toHaveLength(2);
			const shownFor = simplify.flatMap((p) => p.displayOptions?.show?.operation ?? []);
			expect(shownFor.sort()).toEqual(['get', 'getAll']);
			for (const property of simplify) {
				expect(property.default).toBe(false);
				expect(property.description).toMatch(
					/^Whether to return only id, name, email, phone, active/,
				);
			}
		}
	});
});

describe('codex and documentation', () => {
	const codex = (name: string) => {
		const vendor = name.replace('Trigger', '');
		const folder = vendor.charAt(0).toUpperCase() + vendor.slice(1);
		const file = `${folder}${name.endsWith('Trigger') ? 'Trigger' : ''}.node.json`;
		return JSON.parse(readFileSync(path.join(ROOT, 'nodes', folder, file), 'utf8'));
	};

	it('categories are n8n’s and not HITL (reserved for send-and-wait nodes)', () => {
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			const { categories } = codex(name);
			expect(categories.length).toBeGreaterThan(0);
			expect(categories).not.toContain('HITL');
			for (const category of categories)
				expect(['Communication', 'Productivity', 'Development', 'Miscellaneous']).toContain(
					category,
				);
		}
	});

	it('aliases let people find every node and trigger by what they type', () => {
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			const alias: string[] = codex(name).alias.map((a: string) => a.toLowerCase());
			for (const typed of ['users', 'onboarding', 'offboard', 'offboarding'])
				expect(alias, `${name}: ${typed}`).toContain(typed);
			if (name.startsWith('alo')) expect(alias).toContain('alo');
		}
	});

	it('the Docs link has no #anchor (n8n appends its query to it) and the page exists', () => {
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			const url = describeNode(name).documentationUrl!;
			expect(url).not.toContain('#');
			const page = url.match(/\/blob\/main\/(docs\/\w+\.md)$/)?.[1];
			expect(page, url).toBeDefined();
			expect(existsSync(path.join(ROOT, page!))).toBe(true);
			const { resources } = codex(name);
			for (const link of [...resources.primaryDocumentation, ...resources.credentialDocumentation])
				expect(link.url).toBe(url);
		}
	});
});

describe('credentials', () => {
	const cases = {
		aloApi: ['Base URL', 'API Key'],
		alvysApi: ['Client ID', 'Client Secret', 'Token URL', 'Audience', 'Base URL', 'API Version'],
		os1Api: ['Tenant URL', 'Tenant ID', 'Client ID', 'Client Secret', 'Audience', 'Users Path'],
	};

	it('every field a person fills in has help text', () => {
		for (const [name, fields] of Object.entries(cases)) {
			const shown = credentials[name].properties.filter(
				(p) => p.type !== 'hidden' && p.type !== 'notice',
			);
			expect(shown.map((p) => p.displayName)).toEqual(fields);
			for (const field of shown)
				expect(field.description, `${name} › ${field.displayName}`).toBeTruthy();
		}
	});

	it('the Test button says which field to check for 401, 403 and 404', () => {
		for (const [name, fields] of Object.entries(cases)) {
			const rules = credentials[name].test?.rules ?? [];
			const byCode = new Map(
				rules.map((rule) => [
					(rule.properties as { value: number }).value,
					(rule.properties as { message: string }).message,
				]),
			);
			expect([...byCode.keys()].sort()).toEqual([401, 403, 404]);
			for (const [code, message] of byCode) {
				const named = fields.filter((field) => message.includes(field));
				expect(named.length, `${name} ${code}: "${message}"`).toBeGreaterThan(0);
				expect(message).toMatch(/Check/);
			}
		}
	});
});

describe('declared compatibility', () => {
	it('package.json and the README name the same minimum n8n version', () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const minimum = String(pkg.engines?.n8n ?? '').replace(/^>=\s*/, '');
		expect(minimum).toMatch(/^\d+\.\d+\.\d+$/);
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain(`n8n ${minimum.replace(/\.0$/, '')}`);
	});

	it('every node of the package loads through n8n’s own loader with its description valid', () => {
		for (const name of [...ACTION_NODES, ...TRIGGERS]) {
			const description: INodeTypeDescription = describeNode(name);
			// What n8n computes for a new node: the defaults of every shown parameter.
			expect(() =>
				NodeHelpers.getNodeParameters(description.properties, {}, true, false, null, description),
			).not.toThrow();
		}
	});
});
