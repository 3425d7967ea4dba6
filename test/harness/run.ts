/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code runs in Node, not in n8n Cloud */
import 'reflect-metadata';

import path from 'node:path';

import {
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	PollContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, type CredentialStore } from './credentials';
import { recordForSecretScan } from './secrets';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');

let loading: Promise<PackageDirectoryLoader> | undefined;

/** Our package as n8n loads it: from `package.json`'s `n8n` block and the built `dist/`. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loading ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loading;
}

function nodeTypesOf(loader: PackageDirectoryLoader, extra?: INodeType): INodeTypes {
	const byName = (type: string) => {
		const name = type.replace(/^.*\./, '');
		return extra?.description.name === name ? extra : loader.getNode(name).type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => ({}),
	};
}

function credentialTypesOf(loader: PackageDirectoryLoader): Record<string, ICredentialType> {
	return Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, c]) => [name, c.type]),
	);
}

export interface NodeUnderTest {
	/** Node type name as in the package (`alo`, `os1`...). */
	type: string;
	parameters: IDataObject;
	/** Credential type the node uses (`aloApi`...); omitted for none. */
	credential?: string;
	continueOnFail?: boolean;
	name?: string;
	typeVersion?: number;
	/** A node type from outside the package, e.g. the mock node n8n builds to test a credential. */
	nodeType?: INodeType;
}

export interface RunOptions {
	/** Input items; each becomes one item the node receives (default: one empty item). */
	input?: IDataObject[];
	/** Credentials by type; tokens fetched during the run are written back here. */
	credentials: CredentialStore | Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	/** Cancels the execution this long after it started, as the editor's Stop button does. */
	cancelAfterMs?: number;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: ExecutionError;
	run: IRun;
	credentials: CredentialStore;
}

/**
 * Runs one of our nodes through n8n-core's real `WorkflowExecute`, with the given items as
 * its input, and returns what it output (with `pairedItem`) or the error the run ended with.
 */
export async function runNode(node: NodeUnderTest, options: RunOptions): Promise<RunResult> {
	const { workflow, workflowNode, additionalData, credentials } = await setUp(node, options);
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflowNode, data: { main: [input] }, source: null }],
			waitingExecutionSource: null,
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	if (options.cancelAfterMs !== undefined) {
		const timer = setTimeout(() => execution.cancel(), options.cancelAfterMs);
		void execution.finally(() => clearTimeout(timer)).catch(() => undefined);
	}
	const run = await execution;
	const nodeRun = run.data.resultData.runData[workflowNode.name]?.[0];
	const result = {
		items: nodeRun?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? nodeRun?.error,
		run,
		credentials,
	};
	recordForSecretScan(credentials, result.items, result.error);
	return result;
}

export interface PollOptions extends RunOptions {
	/** Workflow static data; pass the same object to successive polls, as n8n persists it. */
	staticData: IDataObject;
	/** `trigger` is an active workflow's poll; `manual` is "Fetch Test Event". */
	mode?: 'trigger' | 'manual';
}

/** One poll of one of our polling triggers, through n8n-core's real `PollContext`. */
export async function pollNode(
	node: NodeUnderTest,
	options: PollOptions,
): Promise<INodeExecutionData[] | null> {
	const { workflow, workflowNode, additionalData } = await setUp(node, options);
	const mode = options.mode ?? 'trigger';
	const context = new PollContext(
		workflow,
		workflowNode,
		additionalData,
		mode,
		mode === 'manual' ? 'manual' : 'activate',
	);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(
		workflowNode.type,
		workflowNode.typeVersion,
	);
	try {
		const result = await nodeType.poll!.call(context);
		recordForSecretScan(credentialsOf(options), result?.[0] ?? []);
		return result?.[0] ?? null;
	} catch (error) {
		recordForSecretScan(credentialsOf(options), [], error);
		throw error;
	}
}

function credentialsOf(options: RunOptions): CredentialStore {
	return options.credentials instanceof Map
		? options.credentials
		: new Map(Object.entries(options.credentials));
}

async function setUp(node: NodeUnderTest, options: RunOptions) {
	const loader = await loadPackage();
	const credentials = credentialsOf(options);
	const name = node.name ?? 'Node under test';
	const workflowNode: INode = {
		id: 'node-under-test',
		name,
		type: `CUSTOM.${node.type}`,
		typeVersion: node.typeVersion ?? 1,
		position: [0, 0],
		parameters: node.parameters as INode['parameters'],
		...(node.credential ? { credentials: { [node.credential]: { id: '1', name: 'test' } } } : {}),
		...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: [workflowNode],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf(loader, node.nodeType),
		staticData: options.staticData,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'exec-test', {
		id: 'wf-test',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: [workflowNode],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentialTypesOf(loader), credentials),
		executionId: 'exec-test',
		variables: {},
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, workflowNode, additionalData, credentials };
}
