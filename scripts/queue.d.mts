import type { Sandbox, SandboxOptions } from '../sandbox/index.mjs';

export type Workflow = {
	id?: string;
	name: string;
	nodes: Array<Record<string, any>>;
	connections: Record<string, any>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
};

export interface CredentialRef {
	id: string;
	name: string;
}

export interface ExecutionRecord {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt: Date | null;
	stoppedAt: Date | null;
	/** The run data, unflattened (`{ resultData: { runData, error?, lastNodeExecuted } }`). */
	data?: any;
}

export interface N8nProcess {
	name: string;
	role: 'main' | 'worker';
	base: string;
	port: number;
	folderDir: string;
	/** When the process was spawned (ms since the epoch). */
	startedAt: number;
	entry: { pid: number; logFile: string; log(): string; exited: Promise<unknown> };
}

export type QueueSandbox = Sandbox & { credentialData(): Record<string, unknown> };

type Where = 'single' | undefined;

export interface QueueCluster {
	dir: string;
	runtime: { version: string; nodeBin: string; n8nBin: string };
	main: N8nProcess;
	workers: N8nProcess[];
	/** Every worker started, killed ones included. */
	allWorkers: N8nProcess[];
	single?: N8nProcess;
	sandboxes: Record<string, QueueSandbox>;
	pg: { host: string; port: number; databases: Record<string, string> };
	redis: { host: string; port: number; prefix: string };
	apiKey: string;
	api(method: string, route: string, body?: unknown): Promise<any>;
	/** SQL on the queue cluster's database. */
	db: { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };
	createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
		where?: Where,
	): Promise<CredentialRef>;
	createWorkflow(
		workflow: Workflow,
		options?: { activate?: boolean; where?: Where },
	): Promise<string>;
	callWebhook(
		path: string,
		body?: unknown,
		where?: Where,
	): Promise<{ status: number; body: string }>;
	lastExecutionId(where?: Where): Promise<number>;
	executions(options?: {
		after?: number;
		workflowId?: string;
		withData?: boolean;
		where?: Where;
	}): Promise<ExecutionRecord[]>;
	waitForExecutions(options: {
		after: number;
		workflowId?: string;
		count?: number;
		timeoutMs?: number;
		where?: Where;
	}): Promise<ExecutionRecord[]>;
	restartMain(): Promise<N8nProcess>;
	killWorker(index: number, signal?: NodeJS.Signals): Promise<N8nProcess>;
	workerOf(executionId: number): string | undefined;
	activeJobs(): Promise<number>;
	stop(): Promise<void>;
}

export function startQueue(options?: {
	workers?: number;
	concurrency?: number;
	sandboxes?: Record<string, { vendor: string; options?: SandboxOptions }>;
	sandboxOptions?: SandboxOptions;
	env?: Record<string, string>;
	reference?: boolean;
	mainPort?: number;
	log?: (message: string) => void;
	dir?: string;
}): Promise<QueueCluster>;

export function asWebhookWorkflow(
	workflow: Workflow,
	path: string,
	options?: { respond?: 'lastNode' | 'onReceived' },
): Workflow;
export function ranOnNode(position?: [number, number], name?: string): Record<string, any>;
export function withCredentials(
	workflow: Workflow,
	credentials: Record<string, CredentialRef>,
): Workflow;
export function runOutput(data: any, nodeName: string): Array<Record<string, any>>;
export function ranOn(data: any, nodeName?: string): string | undefined;
export function waitFor<T>(
	check: () => Promise<T | undefined | false> | T | undefined | false,
	options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<T>;
export function freePort(): Promise<number>;
export const OWNER: { email: string; firstName: string; lastName: string; password: string };
export function findPostgresBin(): string;
