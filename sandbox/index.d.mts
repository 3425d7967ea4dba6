export interface LogEntry {
	seq: number;
	/** Arrival time, ms since the epoch (sub-millisecond precision). */
	t: number;
	method: string;
	path: string;
	/** Raw query string, as sent (still URL-encoded). */
	query: string;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	status?: number;
	fault?: string;
	durationMs?: number;
	/** When the connection of this request closed (ms since the epoch). */
	closedAt?: number;
}

export type FaultKind =
	| '500'
	| '502'
	| '503'
	| '504'
	| '429'
	| '429-retry-after'
	| 'reset'
	| 'slow'
	| 'hang'
	| 'trickle'
	| 'html'
	| 'empty'
	| 'null'
	| 'json'
	| 'redirect'
	| 'reset-mid-body'
	| 'repeat'
	| 'list-null'
	| 'no-ids'
	| 'total-high'
	| 'total-low'
	| 'no-total';

export interface Fault {
	kind: FaultKind;
	count?: number;
	method?: string;
	path?: string;
	/** `json`: the body answered with 200 (or `status`). */
	body?: unknown;
	/** `json`, `redirect`: the status to answer with. */
	status?: number;
	/** `redirect`: where to. */
	location?: string;
	/** `slow`: how long. */
	ms?: number;
	/** `trickle`: how often a byte is sent. */
	everyMs?: number;
	/** `429-retry-after`: the Retry-After value. */
	retryAfterSeconds?: number;
}

export interface SandboxOptions {
	host?: string;
	port?: number;
	users?: number;
	seed?: number;
	latencyMs?: number;
	latencyJitterMs?: number;
	faultRate?: number;
	faultKinds?: FaultKind[];
	/** Largest page the server serves, whatever is asked (silently). */
	pageCap?: number;
	slowMs?: number;
	retryAfterSeconds?: number;
	people?: Person[];
	[vendorOption: string]: unknown;
}

export interface Sandbox<State = any> {
	vendor: string;
	url: string;
	port: number;
	options: SandboxOptions;
	log: LogEntry[];
	state: State;
	faults: { rate: number; kinds: string[]; queue: Fault[] };
	reset(): void;
	mutate(change: Record<string, unknown>): unknown;
	failNext(fault: Fault): void;
	clearLog(): void;
	requests(filter?: { method?: string; path?: string }): LogEntry[];
	close(): Promise<void>;
}

export interface Person {
	index: number;
	uuid: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	jobTitle: string;
	active: boolean;
	createdAt: string;
}

export interface VendorModule {
	name: string;
	credentials?(sandbox: Sandbox): Record<string, unknown>;
}

export function loadVendors(): Promise<Record<string, VendorModule>>;
export function startSandboxes(
	names?: string[],
	options?: SandboxOptions,
	perVendor?: Record<string, SandboxOptions>,
): Promise<Record<string, Sandbox>>;
export function startSandbox(vendor: VendorModule, options?: SandboxOptions): Promise<Sandbox>;
export function generatePeople(count: number, seed?: number): Person[];
export function peakInWindow(entries: LogEntry[], windowMs?: number): number;
