/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { describe, expect, it } from 'vitest';

import { runNode } from '../harness/run';
import { freshSandbox, requestsTo, VENDORS } from './vendors';

/**
 * Writes whose answer is lost or unreadable: never repeated when a repeat could do harm,
 * never reported as something they were not, and always saying how to check.
 */
describe('ĀLO Create after a lost answer', () => {
	const create = {
		operation: 'create',
		loginType: 'PHONE_NUMBER',
		firstName: 'Nia',
		lastName: 'Okafor',
		phoneNumber: '+1 212 555 0170',
	};

	it.concurrent.each([
		['the connection drops after ĀLO created the user', 'reset-mid-body'],
		['ĀLO answers with an HTML page', 'html'],
		['ĀLO answers 502', '502'],
	] as const)('%s: "outcome unknown", sent once, no label guessed', async (_, kind) => {
		const env = await freshSandbox(VENDORS.alo, { users: 20 });
		try {
			env.sandbox.failNext({ method: 'POST', path: '/v1/users', kind });
			const { items, error } = await runNode(env.node(create), {
				credentials: env.credentials(),
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/^Outcome unknown: /);
			expect(error?.description).toContain('Look for the phone number +12125550170');
			expect(JSON.stringify(error)).not.toContain('existingUserAddedToTeam');
			expect(requestsTo(env.sandbox, '/v1/users').filter((r) => r.method === 'POST')).toHaveLength(
				1,
			);
		} finally {
			await env.close();
		}
	});

	it('a 429 was refused before anything happened, so it is retried and the new hire keeps their password', async () => {
		const env = await freshSandbox(VENDORS.alo, { users: 20 });
		try {
			env.sandbox.failNext({ method: 'POST', path: '/v1/users', kind: '429-retry-after' });
			const { items, error } = await runNode(env.node(create), { credentials: env.credentials() });
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ existingUserAddedToTeam: false });
			expect(items[0].json.temp_password).toBeTruthy();
		} finally {
			await env.close();
		}
	});

	it('a create that hangs ends at the timeout with "outcome unknown", without a second POST', async () => {
		const env = await freshSandbox(VENDORS.alo, { users: 20 });
		try {
			env.sandbox.failNext({ method: 'POST', path: '/v1/users', kind: 'hang' });
			const started = Date.now();
			const { error } = await runNode(env.node({ ...create, options: { timeout: 1 } }), {
				credentials: env.credentials(),
			});
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(error?.message).toBe('Outcome unknown: ĀLO did not answer within 1 s');
			expect(requestsTo(env.sandbox, '/v1/users').filter((r) => r.method === 'POST')).toHaveLength(
				1,
			);
		} finally {
			await env.close();
		}
	});
});

describe('ĀLO Delete with an unreadable answer', () => {
	it('an HTML 200 is no confirmation: outcome unknown, not "deleted"', async () => {
		const env = await freshSandbox(VENDORS.alo, { users: 20 });
		try {
			const id = VENDORS.alo.expectedIds(env.sandbox)[0];
			env.sandbox.failNext({ method: 'DELETE', kind: 'html' });
			const { items, error } = await runNode(
				env.node({ operation: 'delete', userId: { __rl: true, mode: 'id', value: id } }),
				{ credentials: env.credentials() },
			);
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/^Outcome unknown: ĀLO answered 200 without .*HTML page/);
			expect(error?.description).toContain('a 404 means the deletion went through');
		} finally {
			await env.close();
		}
	});
});

describe('OS1 Deactivate after a lost answer', () => {
	it('checks the user state and reports the deactivation it finds, marked as confirmed', async () => {
		const env = await freshSandbox(VENDORS.os1, { users: 20 });
		try {
			const id = VENDORS.os1.activeIds(env.sandbox)[0];
			env.sandbox.failNext({ method: 'PUT', kind: 'reset-mid-body' });
			const { items, error } = await runNode(
				env.node({ operation: 'deactivate', lookUpBy: 'id', userId: id }),
				{ credentials: env.credentials() },
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ state: 'inactive', confirmedAfterUnclearAnswer: true });
			expect(requestsTo(env.sandbox).filter((r) => r.method === 'PUT')).toHaveLength(1);
		} finally {
			await env.close();
		}
	});

	it('when the move did not happen, says the outcome is unknown instead of claiming success', async () => {
		const env = await freshSandbox(VENDORS.os1, { users: 20 });
		try {
			const id = VENDORS.os1.activeIds(env.sandbox)[0];
			env.sandbox.failNext({ method: 'PUT', kind: '503' });
			const { items, error } = await runNode(
				env.node({ operation: 'deactivate', lookUpBy: 'id', userId: id }),
				{ credentials: env.credentials() },
			);
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/^Outcome unknown: 503 /);
			expect(
				(env.sandbox.state.users as Array<{ id: string; state: string }>).find((u) => u.id === id)
					?.state,
			).toMatch(/^active/);
		} finally {
			await env.close();
		}
	});
});

describe('Cancelling an execution', () => {
	it('ends a read waiting out a long Retry-After at once', async () => {
		const env = await freshSandbox(VENDORS.alo, { users: 20, retryAfterSeconds: 25 });
		try {
			env.sandbox.failNext({ path: '/v1/users', kind: '429-retry-after' });
			const started = Date.now();
			const { run } = await runNode(env.node(VENDORS.alo.list), {
				credentials: env.credentials(),
				cancelAfterMs: 300,
			});
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(run.status).toBe('canceled');
		} finally {
			await env.close();
		}
	});

	it('ends an Alvys listing waiting for its rate-limit slots at once', async () => {
		const env = await freshSandbox(VENDORS.alvys, { users: 5500, latencyMs: 20 });
		try {
			const started = Date.now();
			const { run } = await runNode(env.node(VENDORS.alvys.list), {
				credentials: env.credentials(),
				cancelAfterMs: 1_200,
			});
			// 51 requests at 10 per second would take 5 s; cancelled after about one.
			expect(Date.now() - started).toBeLessThan(3_500);
			expect(run.status).toBe('canceled');
			// A request sent just before the cancel may still arrive; none is sent after it.
			await new Promise((resolve) => setTimeout(resolve, 500));
			const count = requestsTo(env.sandbox, VENDORS.alvys.listPath).length;
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			expect(requestsTo(env.sandbox, VENDORS.alvys.listPath).length).toBe(count);
		} finally {
			await env.close();
		}
	});

	it('ends a read waiting for a hung answer at once', async () => {
		const env = await freshSandbox(VENDORS.os1, { users: 20 });
		try {
			env.sandbox.failNext({ path: '/core/api/v1/users', kind: 'hang' });
			const started = Date.now();
			const { run } = await runNode(env.node(VENDORS.os1.list), {
				credentials: env.credentials(),
				cancelAfterMs: 300,
			});
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(run.status).toBe('canceled');
		} finally {
			await env.close();
		}
	});
});
