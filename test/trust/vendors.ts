/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- the OS1 token path reads like a secret to the rule; test code, no secrets */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import {
	loadVendors,
	startSandboxes,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/index.mjs';
import type { CredentialStore } from '../harness/credentials';
import type { NodeUnderTest } from '../harness/run';

export type VendorName = 'alo' | 'alvys' | 'os1';

/** What the trust suites need to know to drive one vendor's node the same way as the others. */
export interface VendorUnderTest {
	name: VendorName;
	credential: string;
	/** Path prefix of the users list request, as the sandbox logs it. */
	listPath: string;
	/** Path of the token request, for vendors with tokens. */
	authPath?: string;
	/** Get Many, Return All. */
	list: IDataObject;
	/** Get of one user by id. */
	get: (id: string) => IDataObject;
	/** Ids the Get Many above returns, in order, read from the sandbox's own state. */
	expectedIds: (sandbox: Sandbox) => string[];
	/** The id field of a user in outputs. */
	idOf: (user: IDataObject) => string;
	trigger: string;
	/** Ids of the users that are active now, from the sandbox's state. */
	activeIds: (sandbox: Sandbox) => string[];
	/** Makes one user inactive in the sandbox, as the vendor's admin would. */
	deactivate: (sandbox: Sandbox, id: string) => void;
	/** A well-formed answer listing no users at all (what a key that lost its scope sees). */
	emptyList: unknown;
	/** A first page without users whose total says there are 250. */
	emptyButCounted: unknown;
}

export const VENDORS: Record<VendorName, VendorUnderTest> = {
	alo: {
		name: 'alo',
		credential: 'aloApi',
		listPath: '/v1/users',
		list: { operation: 'getAll', returnAll: true },
		get: (id) => ({ operation: 'get', userId: { __rl: true, mode: 'id', value: id } }),
		expectedIds: (sandbox) =>
			(sandbox.state.users as Array<{ id: string; is_active: boolean }>)
				.filter((u) => u.is_active)
				.map((u) => u.id),
		idOf: (user) => String(user.id),
		trigger: 'aloTrigger',
		activeIds: (sandbox) =>
			(sandbox.state.users as Array<{ id: string; is_active: boolean }>)
				.filter((u) => u.is_active)
				.map((u) => u.id),
		deactivate: (sandbox, id) => void sandbox.mutate({ op: 'deactivate', id }),
		emptyList: {
			page: 1,
			per_page: 100,
			total_pages: 0,
			response_count: 0,
			total_count: 0,
			users: [],
		},
		emptyButCounted: {
			page: 1,
			per_page: 100,
			total_pages: 3,
			response_count: 0,
			total_count: 250,
			users: [],
		},
	},
	alvys: {
		name: 'alvys',
		credential: 'alvysApi',
		listPath: '/api/p/v1/users/search',
		authPath: '/oauth/token',
		list: { operation: 'getAll', returnAll: true },
		get: (id) => ({ operation: 'get', userId: id }),
		expectedIds: (sandbox) => (sandbox.state.users as Array<{ Id: string }>).map((u) => u.Id),
		idOf: (user) => String(user.Id),
		trigger: 'alvysTrigger',
		activeIds: (sandbox) =>
			(sandbox.state.users as Array<{ Id: string; Status: string }>)
				.filter((u) => u.Status === 'Active')
				.map((u) => u.Id),
		deactivate: (sandbox, id) => void sandbox.mutate({ op: 'setStatus', status: 'Disabled', id }),
		emptyList: { Page: 0, PageSize: 100, Total: 0, Items: [], Facets: null },
		emptyButCounted: { Page: 0, PageSize: 100, Total: 250, Items: [], Facets: null },
	},
	os1: {
		name: 'os1',
		credential: 'os1Api',
		listPath: '/core/api/v1/users',
		authPath: '/core/api/v1/aaa/auth/client-credentials',
		list: { operation: 'getAll', returnAll: true },
		get: (id) => ({ operation: 'get', lookUpBy: 'id', userId: id }),
		expectedIds: (sandbox) => (sandbox.state.users as Array<{ id: string }>).map((u) => u.id),
		idOf: (user) => String(user.id),
		trigger: 'os1Trigger',
		activeIds: (sandbox) =>
			(sandbox.state.users as Array<{ id: string; state: string }>)
				.filter((u) => u.state.startsWith('active'))
				.map((u) => u.id),
		deactivate: (sandbox, id) => void sandbox.mutate({ op: 'setState', state: 'inactive', id }),
		emptyList: {
			error: null,
			data: { users: [], meta: { totalElements: 0, page: 1, size: 100 } },
			request: {},
		},
		emptyButCounted: {
			error: null,
			data: { users: [], meta: { totalElements: 250, page: 1, size: 100 } },
			request: {},
		},
	},
};

export interface SandboxUnderTest {
	sandbox: Sandbox;
	/** The stored credentials, as n8n's database: tokens fetched in one run persist to the next. */
	credentials: () => CredentialStore;
	node: (parameters: IDataObject, extra?: Partial<NodeUnderTest>) => NodeUnderTest;
	close: () => Promise<void>;
}

/**
 * A fresh sandbox of one vendor, for one test: faults queued for it cannot reach another
 * test, so cases can run concurrently.
 */
export async function freshSandbox(
	vendor: VendorUnderTest,
	options: SandboxOptions = {},
): Promise<SandboxUnderTest> {
	const started = await startSandboxes([vendor.name], { users: 250, ...options });
	const sandbox = started[vendor.name];
	const modules = await loadVendors();
	const base = modules[vendor.name].credentials!(sandbox) as ICredentialDataDecryptedObject;
	const store: CredentialStore = new Map([[vendor.credential, { ...base }]]);
	return {
		sandbox,
		credentials: () => store,
		node: (parameters, extra = {}) => ({
			type: vendor.name,
			credential: vendor.credential,
			parameters: { resource: 'user', ...parameters },
			...extra,
		}),
		close: async () => await sandbox.close(),
	};
}

/** Vendor requests the sandbox received (control calls excluded), optionally on one path. */
export function requestsTo(sandbox: Sandbox, path?: string) {
	return sandbox.log.filter((entry) => !path || entry.path.startsWith(path));
}
