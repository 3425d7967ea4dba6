/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import 'reflect-metadata';

import path from 'node:path';

import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { TestCredentialsHelper, type CredentialStore } from './credentials';

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

function nodeTypesOf(loader: PackageDirectoryLoader): INodeTypes {
	const byName = (type: string) => loader.getNode(type.replace(/^.*\./, '')).type;
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
}

export interface RunOptions {
	/** Input items; each becomes one item the node receives (default: one empty item). */
	input?: IDataObject[];
	/** Credentials by type; tokens fetched during the run are written back here. */
	credentials: CredentialStore | Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
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
	const loader = await loadPackage();
	const credentials =
		options.credentials instanceof Map
			? options.credentials
			: new Map(Object.entries(options.credentials));
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
		nodeTypes: nodeTypesOf(loader),
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

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflowNode, data: { main: [input] }, source: null }],
			waitingExecutionSource: null,
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	const nodeRun = run.data.resultData.runData[name]?.[0];
	return {
		items: nodeRun?.data?.main?.[0] ?? [],
		error: run.data.resultData.error ?? nodeRun?.error,
		run,
		credentials,
	};
}
