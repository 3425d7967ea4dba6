/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud; the measured figures are the point of printing */
/**
 * Our nodes in a distributed n8n: PostgreSQL + Redis + one main + two workers (scripts/queue.mjs),
 * executions started through the main (production webhooks, polling triggers), results read
 * from Postgres. The tests run in order on one cluster; each says what it builds on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { peakInWindow, type LogEntry } from '../../sandbox/index.mjs';
import {
	ranOn,
	runOutput,
	startQueue,
	waitFor,
	withCredentials,
	type CredentialRef,
	type ExecutionRecord,
	type QueueCluster,
	type QueueSandbox,
	type Workflow,
} from '../../scripts/queue.mjs';
import { canonicalize, outputsByNode } from './compare';
import {
	alvys5kWorkflow,
	alvysOffboarding,
	aloTriggerWorkflow,
	COMPARED,
	os1EmailsWorkflow,
	os1TriggerWorkflow,
	returnAllThenWriteWorkflow,
	tokensWorkflow,
} from './workflows';

const started = Date.now();
const say = (message: string) =>
	console.log(`[queue ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

/** What the run measured, printed at the end (and copied into the README's "Scaling out"). */
const figures: Record<string, unknown> = {};

const MAIN_USERS = 240;
const ALVYS_LATENCY_MS = 40;
const sandboxes = {
	alo: { vendor: 'alo', options: { users: MAIN_USERS } },
	alvys: { vendor: 'alvys', options: { users: MAIN_USERS } },
	os1: { vendor: 'os1', options: { users: MAIN_USERS } },
	// The single-process reference run gets its own copies (same seed, same people).
	refAlo: { vendor: 'alo', options: { users: MAIN_USERS } },
	refAlvys: { vendor: 'alvys', options: { users: MAIN_USERS } },
	refOs1: { vendor: 'os1', options: { users: MAIN_USERS } },
	// 5,500 people, 1 in 11 without an Alvys login: exactly 5,000 Alvys users (50 pages).
	alvys5k: {
		vendor: 'alvys',
		options: { users: 5500, latencyMs: ALVYS_LATENCY_MS, latencyJitterMs: 20 },
	},
	trigAlo: { vendor: 'alo', options: { users: 40 } },
	trigAlvys: { vendor: 'alvys', options: { users: 40 } },
	trigOs1: { vendor: 'os1', options: { users: 40 } },
};

let cluster: QueueCluster;
let sb: Record<keyof typeof sandboxes, QueueSandbox>;
const ids: Record<string, string> = {};
const refIds: Record<string, string> = {};
/** Every execution the tests started through webhooks on the queue cluster. */
const startedExecutions: number[] = [];

type Person = { Id: string; Name: string; Phone: string; Email: string; Status: string };
let triggerPlan: {
	leaver: Person;
	aloOnly: { id: string; phone_number: string };
	os1Only: { id: string; email: string };
	mutatedAt: number;
};
let mainRestarted = false;
/** Executions per trigger workflow once everything was delivered (test 4). */
const triggerCountsAfterDelivery: Record<string, number> = {};

beforeAll(async () => {
	cluster = await startQueue({
		workers: 2,
		concurrency: 5,
		sandboxes,
		reference: true,
		// A killed worker's job is declared stalled within ~25 s instead of the default 90 s.
		env: {
			QUEUE_WORKER_LOCK_DURATION: '20000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		},
		log: say,
	});
	sb = cluster.sandboxes as typeof sb;

	const create = (name: string, set: keyof typeof sandboxes, type: string, where?: 'single') =>
		cluster.createCredential(name, type, sb[set].credentialData(), where);
	const mainCredentials: Record<string, CredentialRef> = {
		workforceAloApi: await create('ĀLO account', 'alo', 'aloApi'),
		workforceAlvysApi: await create('Alvys account', 'alvys', 'alvysApi'),
		workforceOs1Api: await create('OS1 account', 'os1', 'os1Api'),
		alvys5k: await create('Alvys 5k', 'alvys5k', 'alvysApi'),
		triggersAlo: await create('ĀLO (triggers)', 'trigAlo', 'aloApi'),
		triggersAlvys: await create('Alvys (triggers)', 'trigAlvys', 'alvysApi'),
		triggersOs1: await create('OS1 (triggers)', 'trigOs1', 'os1Api'),
	};
	const refCredentials: Record<string, CredentialRef> = {
		workforceAloApi: await create('ĀLO account', 'refAlo', 'aloApi', 'single'),
		workforceAlvysApi: await create('Alvys account', 'refAlvys', 'alvysApi', 'single'),
		workforceOs1Api: await create('OS1 account', 'refOs1', 'os1Api', 'single'),
	};
	const onMain = async (key: string, workflow: Workflow) =>
		(ids[key] = await cluster.createWorkflow(withCredentials(workflow, mainCredentials)));
	for (const { key, workflow } of COMPARED) {
		await onMain(key, workflow);
		refIds[key] = await cluster.createWorkflow(withCredentials(workflow, refCredentials), {
			where: 'single',
		});
	}
	await onMain('tokens', tokensWorkflow);
	await onMain('alvys-5k', alvys5kWorkflow);
	await onMain('os1-emails', os1EmailsWorkflow);
	await onMain('return-all-then-write', returnAllThenWriteWorkflow);

	// Triggers: activation runs each one's first poll (the baseline) on the main. Then one
	// person leaves in each system; the Alvys leaver is also offboarded from ĀLO and OS1 by
	// the workflow, which the ĀLO and OS1 triggers must then report too. Their polls run once a
	// minute, so this runs in the background while tests 1-3 run.
	await onMain('trigger-alvys', alvysOffboarding.workflow);
	await onMain('trigger-alo', aloTriggerWorkflow);
	await onMain('trigger-os1', os1TriggerWorkflow);
	// The first poll runs just after activation: wait until each listing has been answered.
	await waitFor(
		() =>
			(['trigAlo', 'trigAlvys', 'trigOs1'] as const).every((set) =>
				sb[set].log.some((e) => e.status === 200 && !isTokenRequest(e)),
			),
		{ timeoutMs: 60_000, what: 'the baseline poll of every trigger' },
	);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const alo = sb.trigAlo.state.users as Array<{
		id: string;
		phone_number: string;
		is_active: boolean;
	}>;
	const os1 = sb.trigOs1.state.users as Array<{ id: string; email: string; state: string }>;
	const leaver = (sb.trigAlvys.state.users as Person[]).find(
		(u) =>
			u.Status === 'Active' &&
			alo.some((a) => a.phone_number === u.Phone && a.is_active) &&
			os1.some((o) => o.email === u.Email && o.state.startsWith('active')),
	)!;
	const aloOnly = alo.find(
		(a) => a.is_active && a.phone_number && a.phone_number !== leaver.Phone,
	)!;
	const os1Only = os1.find((o) => o.state.startsWith('active') && o.email !== leaver.Email)!;
	sb.trigAlvys.mutate({ op: 'setStatus', status: 'Disabled', id: leaver.Id });
	sb.trigAlo.mutate({ op: 'deactivate', id: aloOnly.id });
	sb.trigOs1.mutate({ op: 'setState', state: 'inactive', id: os1Only.id });
	triggerPlan = { leaver, aloOnly, os1Only, mutatedAt: Date.now() };
	say(`set up; ${leaver.Name} disabled in Alvys, one other person each left ĀLO and OS1`);
});

afterAll(async () => {
	if (cluster) {
		const perWorker: Record<string, number> = {};
		for (const id of startedExecutions) {
			const worker = cluster.workerOf(id) ?? 'none';
			perWorker[worker] = (perWorker[worker] ?? 0) + 1;
		}
		figures.webhookExecutionsPerWorker = perWorker;
	}
	console.log(`\n[queue] figures of this run:\n${JSON.stringify(figures, null, 2)}`);
	await cluster?.stop();
});

/** Runs a webhook workflow to its end (the webhook answers when the run ended). */
async function run(key: string, where?: 'single'): Promise<ExecutionRecord> {
	const after = await cluster.lastExecutionId(where);
	const response = await cluster.callWebhook(key, {}, where);
	expect(response.status, `${key}: ${response.body}`).toBe(200);
	const [execution] = await cluster.waitForExecutions({
		after,
		workflowId: where ? refIds[key] : ids[key],
		where,
	});
	if (!where) startedExecutions.push(execution.id);
	return execution;
}

/** Several runs of one webhook workflow at once; resolves with their execution records. */
async function runConcurrently(key: string, count: number) {
	const after = await cluster.lastExecutionId();
	const t0 = Date.now();
	const responses = await Promise.all(
		Array.from({ length: count }, async () => await cluster.callWebhook(key)),
	);
	const wallMs = Date.now() - t0;
	const executions = await cluster.waitForExecutions({ after, workflowId: ids[key], count });
	startedExecutions.push(...executions.map((e) => e.id));
	return { executions, wallMs, responses };
}

const since = (sandbox: QueueSandbox, position: number) => sandbox.log.slice(position);
const tokenPaths = { alvys: '/oauth/token', os1: '/core/api/v1/aaa/auth/client-credentials' };
const isTokenRequest = (entry: LogEntry) =>
	entry.path === tokenPaths.alvys || entry.path === tokenPaths.os1;
const processes = (executions: ExecutionRecord[]) =>
	[...new Set(executions.map((e) => ranOn(e.data)))].sort();

describe('n8n 2.41.1 in queue mode: main + 2 workers, PostgreSQL, Redis', () => {
	it('1. the examples and one workflow per node run on the workers with the same results as single-process n8n', async () => {
		// The same sequence against the queue cluster and against single-process n8n (regular
		// mode, its own database and sandboxes with the same seed), side by side.
		const sequence = async (where: 'single' | undefined) => {
			const set = where ? { alo: sb.refAlo, alvys: sb.refAlvys } : { alo: sb.alo, alvys: sb.alvys };
			const results: Record<string, ExecutionRecord> = {};
			for (const { key } of COMPARED) {
				if (key === 'offboarding') {
					// Somebody leaves: the same person on both sides (same seed, same history).
					const aloUsers = set.alo.state.users as Array<{
						phone_number: string;
						is_active: boolean;
					}>;
					const leaver = (set.alvys.state.users as Person[]).find(
						(u) =>
							u.Status === 'Active' &&
							aloUsers.some((a) => a.phone_number === u.Phone && a.is_active),
					)!;
					set.alvys.mutate({ op: 'setStatus', status: 'Disabled', id: leaver.Id });
				}
				results[key] = await run(key, where);
			}
			return results;
		};
		const [queued, single] = await Promise.all([sequence(undefined), sequence('single')]);

		const skip = ['Queue webhook', 'Ran on'];
		const where: Record<string, string | undefined> = {};
		for (const { key } of COMPARED) {
			expect(single[key].status, `${key} in single-process n8n`).toBe('success');
			expect(queued[key].status, `${key} in queue mode`).toBe('success');
			expect(queued[key].mode).toBe('webhook');
			expect(ranOn(single[key].data)).toBe('single');
			where[key] = ranOn(queued[key].data);
			expect(where[key], `${key} ran on a worker`).toMatch(/^worker-\d$/);
			expect(
				canonicalize(outputsByNode(queued[key].data, skip)),
				`${key}: queue mode and single-process outputs differ`,
			).toEqual(canonicalize(outputsByNode(single[key].data, skip)));
		}
		// Not only equal, but right: a few facts the end-to-end tests check too.
		expect(runOutput(queued['alvys-every-op'].data, 'Alvys list')).toHaveLength(
			sb.alvys.state.users.length,
		);
		expect(runOutput(queued.onboarding.data, 'Summary')[0]).toMatchObject({ name: 'Amara Osei' });
		expect(runOutput(queued.offboarding.data, 'Offboarding report').length).toBeGreaterThan(0);
		expect(
			runOutput(queued['directory-sync'].data, 'Who is missing or inactive where').length,
		).toBeGreaterThan(0);
		figures.test1 = { ranOn: where };
		say(`test 1: ${JSON.stringify(where)}`);
	});

	it('2a. Alvys and OS1 tokens are fetched once per expiry and shared by both workers through the credential', async () => {
		const counts: Array<Record<string, number>> = [];
		for (const round of [1, 2]) {
			// The tokens the credential holds expire (first round: the ones tests 1 left there).
			sb.alvys.state.tokens.clear();
			sb.os1.state.tokens.clear();
			const from = { alvys: sb.alvys.log.length, os1: sb.os1.log.length };
			const first = await run('tokens');
			expect(first.status).toBe('success');
			const { executions, responses } = await runConcurrently('tokens', 8);
			for (const response of responses) expect(response.status, response.body).toBe(200);
			for (const execution of executions) expect(execution.status).toBe('success');
			const all = [first, ...executions];
			expect(processes(all), 'both workers ran token runs').toEqual(['worker-1', 'worker-2']);

			const round_: Record<string, number> = {};
			for (const vendor of ['alvys', 'os1'] as const) {
				const entries = since(sb[vendor], from[vendor]);
				const tokens = entries.filter((e) => e.path === tokenPaths[vendor]);
				round_[`${vendor}TokenRequests`] = tokens.length;
				expect(tokens, `${vendor} token requests in round ${round}`).toHaveLength(1);
				// Every API call of the nine runs, on both workers, carried that one token.
				const header = vendor === 'alvys' ? 'authorization' : 'x-coreos-access';
				const used = new Set(
					entries
						.filter((e) => !isTokenRequest(e) && e.status === 200)
						.map((e) => e.headers[header]),
				);
				expect(used.size, `${vendor}: distinct tokens used`).toBe(1);
			}
			counts.push({ round, runs: all.length, ...round_ });
		}
		figures.test2a = counts;
		say(`test 2a: ${JSON.stringify(counts)}`);
	});

	it('2b. a token expiring with many requests in flight (9 Alvys pages, 10+ OS1 lookups) is fetched again at most twice', async () => {
		// Alvys: Get Many's pages; OS1: Get Email's batches. Latency 300 ms keeps them in flight.
		const results: Record<string, { tokenRequests: number; status: string; [k: string]: unknown }> =
			{};
		const cases = [
			{
				vendor: 'alvys',
				sandbox: sb.alvys5k,
				key: 'alvys-5k',
				inFlightPath: '/api/p/v1/users/search',
				tokenPath: tokenPaths.alvys,
				want: 9,
			},
			{
				vendor: 'os1',
				sandbox: sb.os1,
				key: 'os1-emails',
				inFlightPath: '/core/api/v1/users/email',
				tokenPath: tokenPaths.os1,
				want: 10,
			},
		];
		for (const c of cases) {
			const latency = c.sandbox.options.latencyMs;
			c.sandbox.options.latencyMs = 300;
			try {
				const from = c.sandbox.log.length;
				const execution = run(c.key);
				// Expire every token at the moment enough requests are waiting for an answer.
				const inFlight = await waitFor(
					() => {
						const waiting = since(c.sandbox, from).filter(
							(e) => e.path === c.inFlightPath && e.status === undefined,
						).length;
						if (waiting < c.want) return undefined;
						c.sandbox.state.tokens.clear();
						return waiting;
					},
					{ timeoutMs: 120_000, intervalMs: 2, what: `${c.want} ${c.vendor} requests in flight` },
				);
				const expiredAt = c.sandbox.log.length;
				const done = await execution;
				const refreshes = since(c.sandbox, expiredAt).filter((e) => e.path === c.tokenPath).length;
				const unauthorized = since(c.sandbox, from).filter((e) => e.status === 401).length;
				results[c.vendor] = {
					inFlightAtExpiry: inFlight,
					unauthorized,
					tokenRequests: refreshes,
					status: done.status,
				};
				say(`test 2b ${c.vendor}: ${JSON.stringify(results[c.vendor])}`);
			} finally {
				c.sandbox.options.latencyMs = latency;
			}
		}
		figures.test2b = results;
		for (const c of cases) {
			expect(results[c.vendor].status, `${c.vendor} run`).toBe('success');
			expect(
				results[c.vendor].tokenRequests,
				`${c.vendor} token requests after one expiry`,
			).toBeLessThanOrEqual(2);
		}
	});

	it('3. six executions list 5,000 Alvys users at once on one credential (10 req/s per token): all complete', async () => {
		const from = sb.alvys5k.log.length;
		const { executions, wallMs } = await runConcurrently('alvys-5k', 6);
		const entries = since(sb.alvys5k, from);
		const api = entries.filter((e) => e.path.startsWith('/api/p/'));
		const ok = api.filter((e) => e.status === 200);
		const tooMany = api.filter((e) => e.status === 429);
		// Accepted requests per token: what Alvys counts against its 10 per second.
		const byToken = new Map<string, LogEntry[]>();
		for (const entry of ok) {
			const token = String(entry.headers.authorization);
			byToken.set(token, [...(byToken.get(token) ?? []), entry]);
		}
		const budgetMs = (ok.length / 10) * 1000;
		const result = {
			executions: executions.map((e) => ({
				id: e.id,
				status: e.status,
				worker: cluster.workerOf(e.id),
				users: runOutput(e.data, 'Alvys users').length,
			})),
			requests: api.length,
			answered200: ok.length,
			answered429: tooMany.length,
			tokens: byToken.size,
			tokenRequests: entries.filter((e) => e.path === tokenPaths.alvys).length,
			peakAcceptedPerSecondPerToken: Math.max(
				...[...byToken.values()].map((list) => peakInWindow(list, 1000)),
			),
			wallSeconds: +(wallMs / 1000).toFixed(1),
			budgetBoundSeconds: +(budgetMs / 1000).toFixed(1),
			allRequestsOver10PerSecond: +(api.length / 10).toFixed(1),
		};
		figures.test3 = result;
		say(`test 3: ${JSON.stringify(result)}`);

		const takenBy = [...new Set(executions.map((e) => cluster.workerOf(e.id)))].sort();
		expect(takenBy, 'the six runs were spread over both workers').toEqual(['worker-1', 'worker-2']);
		const expected = sb.alvys5k.state.users.length;
		expect(expected).toBe(5000);
		for (const execution of executions) {
			expect(execution.status, `execution ${execution.id}`).toBe('success');
			const users = runOutput(execution.data, 'Alvys users');
			expect(users).toHaveLength(expected);
			expect(new Set(users.map((u) => u.Id)).size).toBe(expected);
		}
	});

	it('4. polling triggers on the main: each deactivation reaches its workflow exactly once, run on a worker', async () => {
		const { leaver, aloOnly, os1Only } = triggerPlan;
		// Expected: the Alvys leaver offboarded; the ĀLO and OS1 triggers see their own leaver,
		// then the Alvys leaver once the offboarding deactivated them there.
		const expected = {
			'trigger-alvys': [leaver.Id],
			'trigger-alo': [
				aloOnly.id,
				(sb.trigAlo.state.users as Array<{ id: string; phone_number: string }>).find(
					(a) => a.phone_number === leaver.Phone,
				)!.id,
			].sort(),
			'trigger-os1': [
				os1Only.id,
				(sb.trigOs1.state.users as Array<{ id: string; email: string }>).find(
					(o) => o.email === leaver.Email,
				)!.id,
			].sort(),
		};
		const delivered = async () => {
			const out: Record<string, { ids: string[]; executions: ExecutionRecord[] }> = {};
			for (const key of Object.keys(expected)) {
				const executions = await cluster.executions({ workflowId: ids[key] });
				const node = key === 'trigger-alvys' ? alvysOffboarding.triggerNode : 'Trigger';
				const idField = key === 'trigger-alvys' ? 'Id' : 'id';
				out[key] = {
					executions,
					ids: executions
						.flatMap((e) => runOutput(e.data, node).map((u) => String(u[idField])))
						.sort(),
				};
			}
			return out;
		};
		const got = await waitFor(
			async () => {
				const now = await delivered();
				const complete = Object.entries(expected).every(
					([key, want]) =>
						want.every((id) => now[key].ids.includes(id)) &&
						now[key].executions.every((e) => e.status !== 'running' && e.status !== 'new'),
				);
				return complete ? now : undefined;
			},
			{ timeoutMs: 300_000, intervalMs: 2000, what: 'every trigger to deliver its leavers' },
		);
		const summary: Record<string, unknown> = {};
		for (const [key, want] of Object.entries(expected)) {
			expect(got[key].ids, `${key}: each leaver exactly once`).toEqual(want);
			for (const execution of got[key].executions) {
				expect(execution.status).toBe('success');
				expect(execution.mode).toBe('trigger');
				expect(ranOn(execution.data), `${key} execution ${execution.id}`).toMatch(/^worker-\d$/);
			}
			summary[key] = {
				executions: got[key].executions.map((e) => ({ id: e.id, ranOn: ranOn(e.data) })),
				secondsAfterChange: got[key].executions.map((e) =>
					Math.round((new Date(e.startedAt!).getTime() - triggerPlan.mutatedAt) / 1000),
				),
			};
		}
		// The offboarding, run on a worker, really deactivated the leaver in ĀLO and OS1.
		const report = runOutput(got['trigger-alvys'].executions[0].data, 'Offboarding report');
		expect(report.map((r) => `${r.system}: ${r.result}`).sort()).toEqual([
			'OS1: moved to inactive',
			'ĀLO: deactivated',
		]);
		for (const key of Object.keys(expected))
			triggerCountsAfterDelivery[key] = got[key].executions.length;
		figures.test4 = summary;
		say(`test 4: ${JSON.stringify(summary)}`);
	});

	it('5. a worker SIGKILLed in the middle of a Return All: the run is marked crashed, nothing half-applied, a re-run is complete', async () => {
		const key = 'return-all-then-write';
		const from = { alvys: sb.alvys5k.log.length, alo: sb.alo.log.length };
		const after = await cluster.lastExecutionId();
		const response = await cluster.callWebhook(key);
		expect(response.status).toBe(200);
		const execution = await waitFor(
			async () => (await cluster.executions({ after, workflowId: ids[key], withData: false }))[0],
			{ what: 'the execution record' },
		);
		const workerIndex = await waitFor(
			() => {
				const index = cluster.workers.findIndex((w) =>
					w.entry.log().includes(`started execution ${execution.id} `),
				);
				return index >= 0 ? index : undefined;
			},
			{ what: `a worker to start execution ${execution.id}` },
		);
		const pages = () =>
			since(sb.alvys5k, from.alvys).filter((e) => e.path === '/api/p/v1/users/search').length;
		await waitFor(() => pages() >= 10, { what: '10 pages requested', intervalMs: 10 });
		const killed = await cluster.killWorker(workerIndex, 'SIGKILL');
		const pagesAtKill = pages();
		const killedAt = Date.now();
		say(`test 5: SIGKILLed ${killed.name} after ${pagesAtKill} of 50 pages`);
		expect(pagesAtKill).toBeLessThan(50);

		// Bull notices the job lost its lock (the other worker's stalled check) ...
		await waitFor(async () => (await cluster.activeJobs()) === 0, {
			timeoutMs: 120_000,
			intervalMs: 1000,
			what: 'the job to leave the active list',
		});
		const releasedAfterSeconds = Math.round((Date.now() - killedAt) / 1000);
		const beforeRecovery = (
			await cluster.executions({ after, workflowId: ids[key], withData: false })
		)[0];
		// ... and the main marks the execution crashed at its next recovery check: every
		// N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes (180 by default) and when it starts.
		await cluster.restartMain();
		mainRestarted = true;
		const crashed = await waitFor(
			async () => {
				const [record] = await cluster.executions({ after, workflowId: ids[key], withData: false });
				return ['crashed', 'error', 'failed'].includes(record.status) ? record : undefined;
			},
			{ timeoutMs: 60_000, what: 'the execution to be marked crashed' },
		);
		// Nothing half-applied: the write after the listing never happened.
		const writes = since(sb.alo, from.alo).filter((e) => e.method !== 'GET');
		expect(writes, 'no ĀLO write from the killed run').toHaveLength(0);

		// A re-run, on the remaining worker, is complete and writes once.
		const rerunAfter = await cluster.lastExecutionId();
		const aloBefore = sb.alo.log.length;
		expect((await cluster.callWebhook(key)).status).toBe(200);
		const [rerun] = await cluster.waitForExecutions({ after: rerunAfter, workflowId: ids[key] });
		expect(rerun.status).toBe('success');
		expect(runOutput(rerun.data, 'Count')).toEqual([{ count: 5000, unique: 5000 }]);
		const creates = since(sb.alo, aloBefore).filter((e) => e.method === 'POST');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toMatchObject({ name: 'Alvys sync 5000 users, 5000 unique' });
		figures.test5 = {
			killed: killed.name,
			pagesAtKill,
			statusBeforeRecovery: beforeRecovery.status,
			statusAfterRecovery: crashed.status,
			secondsKillToJobReleased: releasedAfterSeconds,
			rerun: { status: rerun.status, ranOn: ranOn(rerun.data) },
		};
		say(`test 5: ${JSON.stringify(figures.test5)}`);
		expect(crashed.status).toBe('crashed');
	});

	it('4 (cont.). after the main restarts, the triggers do not replay (their snapshot is in Postgres)', async () => {
		const keys = Object.keys(triggerCountsAfterDelivery);
		expect(keys, 'test 4 delivered').toHaveLength(3);
		if (!mainRestarted) await cluster.restartMain();
		const restartedAt = cluster.main.startedAt;
		// Each trigger's snapshot is in the workflow's static data, in Postgres.
		const { rows } = await cluster.db.query(
			'SELECT id, "staticData" FROM workflow_entity WHERE id = ANY($1)',
			[keys.map((k) => ids[k])],
		);
		expect(rows).toHaveLength(3);
		for (const row of rows) expect(JSON.stringify(row.staticData ?? {})).toContain('snapshot');
		// The restarted main polls every trigger when it activates it: wait for those polls to be
		// answered, then give a replay time to become an execution.
		const sets: Record<string, QueueSandbox> = {
			'trigger-alvys': sb.trigAlvys,
			'trigger-alo': sb.trigAlo,
			'trigger-os1': sb.trigOs1,
		};
		await waitFor(
			() =>
				keys.every((key) =>
					sets[key].log.some((e) => e.t >= restartedAt && e.status === 200 && !isTokenRequest(e)),
				),
			{ timeoutMs: 90_000, intervalMs: 500, what: 'a poll of every trigger after the restart' },
		);
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const polls: Record<string, number> = {};
		for (const key of keys) {
			polls[key] = sets[key].log.filter((e) => e.t >= restartedAt).length;
			const now = await cluster.executions({ workflowId: ids[key], withData: false });
			expect(now.length, `${key}: no execution since the deliveries`).toBe(
				triggerCountsAfterDelivery[key],
			);
		}
		figures.test4AfterRestart = { requestsSinceRestart: polls, newExecutions: 0 };
	});
});
