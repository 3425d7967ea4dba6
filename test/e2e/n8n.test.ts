/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud; progress of the one-time n8n install is worth seeing */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { executeWorkflow, nodeOutput, REPO_ROOT } from '../../scripts/n8n-cli.mjs';
import { loadExamples, stage } from '../../scripts/stage.mjs';
import { aloWorkflow, alvysWorkflow, os1Workflow } from './workflows';

/** `E2E_N8N_LINE=1 npm run test:e2e` runs the same tests against n8n 1.123.x on Node 20. */
const line = process.env.E2E_N8N_LINE ?? '2';
const examples = loadExamples();

type Staged = Awaited<ReturnType<typeof stage>>;
let staged: Staged;

beforeAll(async () => {
	staged = await stage({
		dir: path.join(REPO_ROOT, '.e2e', `n8n-${line}`),
		line,
		users: 80,
		workflows: [...Object.values(examples), aloWorkflow, alvysWorkflow, os1Workflow],
		log: (message: string) => console.log(`[e2e] ${message}`),
	});
});
afterAll(async () => await staged?.close());

async function run(id: string) {
	const result = await executeWorkflow(staged.runtime, staged.folder, id);
	expect(result.error).toBeUndefined();
	expect(result.ok).toBe(true);
	// Vendor records, read loosely: the assertions say what matters.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (node: string) => nodeOutput(result.run, node) as Array<Record<string, any>>;
}

describe(`in a real n8n (line ${line})`, () => {
	it('ĀLO: every operation', async () => {
		const out = await run(aloWorkflow.id);
		const listed = out('ĀLO list');
		expect(listed).toHaveLength(2);
		expect(out('ĀLO get').map((u) => u.id)).toEqual(listed.map((u) => u.id));
		expect(out('ĀLO update').every((u) => u.last_name === 'Updated-E2E')).toBe(true);
		expect(out('ĀLO deactivate').every((u) => u.is_active === false)).toBe(true);
		const users = staged.sandboxes.alo.state.users;
		for (const { id } of listed)
			expect(users.find((u: { id: string }) => u.id === id)?.is_active).toBe(false);
		const [created] = out('ĀLO create');
		expect(created).toMatchObject({ device_id: 'e2e-kiosk-1', login_type: 'DEVICE' });
		expect(out('ĀLO delete')[0]).toMatchObject({ id: created.id, deleted: true });
		expect(users.some((u: { id: string }) => u.id === created.id)).toBe(false);
	});

	it('Alvys: every operation, one item per user', async () => {
		const out = await run(alvysWorkflow.id);
		const all = staged.sandboxes.alvys.state.users;
		expect(out('Alvys list').map((u) => u.Id)).toEqual(all.map((u: { Id: string }) => u.Id));
		expect(out('Alvys get').map((u) => u.Id)).toEqual(all.map((u: { Id: string }) => u.Id));
		// One directory read serves every Get item.
		expect(staged.sandboxes.alvys.requests({ path: '/api/p/v1/users/list' })).toHaveLength(1);
	});

	it('OS1: every operation', async () => {
		const out = await run(os1Workflow.id);
		const listed = out('OS1 list');
		expect(listed).toHaveLength(3);
		expect(out('OS1 get').map((u) => u.id)).toEqual(listed.map((u) => u.id));
		expect(out('OS1 email').map((u) => u.email)).toEqual(listed.map((u) => u.email));
		expect(out('OS1 mobile').every((u) => u.primaryMobile?.countryCode)).toBe(true);
		expect(out('OS1 update').every((u) => u.properties.designation === 'E2E Lead')).toBe(true);
		expect(out('OS1 state').every((s) => s.state === 'active:available')).toBe(true);
		expect(out('OS1 change state').every((s) => s.state === 'deboarding')).toBe(true);
		expect(out('OS1 deactivate').every((s) => s.state === 'inactive')).toBe(true);
		expect(out('OS1 create')[0]).toMatchObject({ acceptedForProcessing: true });
		const ids = staged.sandboxes.os1.log.map((entry) => entry.headers['x-coreos-request-id']);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('example: onboarding creates the new hire in ĀLO and OS1 and summarises it', async () => {
		const out = await run(examples.onboarding.id);
		const [summary] = out('Summary');
		expect(summary).toMatchObject({
			name: 'Amara Osei',
			aloInvitationSent: true,
			aloExistingUserAdded: false,
		});
		const alo = staged.sandboxes.alo.state.users.find(
			(u: { phone_number: string }) => u.phone_number === '+12125550147',
		);
		expect(alo?.id).toBe(summary.aloUserId);
		const os1 = staged.sandboxes.os1.state.users.find(
			(u: { id: string }) => u.id === summary.os1UserId,
		);
		expect(os1).toMatchObject({
			email: 'amara.osei@example.com',
			primaryMobile: { countryCode: '+1', number: '2125550147' },
		});
	});

	it('example: offboarding deactivates, never deletes, everyone no longer active in Alvys', async () => {
		const { alo, alvys, os1 } = staged.sandboxes;
		const leaver = alvys.state.users.find(
			(u: { Status: string; Phone: string }) =>
				u.Status === 'Active' &&
				alo.state.users.some(
					(a: { phone_number: string; is_active: boolean }) =>
						a.phone_number === u.Phone && a.is_active,
				),
		);
		alvys.mutate({ op: 'setStatus', status: 'Disabled', id: leaver.Id });
		const before = { alo: alo.state.users.length, os1: os1.state.users.length };
		alo.clearLog();

		const out = await run(examples.offboarding.id);
		const report = out('Offboarding report');
		expect(
			report.some(
				(r) => r.system === 'ĀLO' && r.person === leaver.Name && r.result === 'deactivated',
			),
		).toBe(true);

		const gone = alvys.state.users.filter((u: { Status: string }) => u.Status !== 'Active');
		for (const person of gone) {
			const inAlo = alo.state.users.find(
				(a: { phone_number: string }) => a.phone_number === person.Phone,
			);
			if (inAlo) expect(inAlo.is_active).toBe(false);
			const inOs1 = os1.state.users.find((o: { email: string }) => o.email === person.Email);
			if (inOs1) expect(inOs1.state).toBe('inactive');
		}
		expect({ alo: alo.state.users.length, os1: os1.state.users.length }).toEqual(before);
		expect(alo.requests({ method: 'DELETE' })).toHaveLength(0);
	});

	it('example: offboarding stops before any deactivation when most Alvys users stop being Active', async () => {
		const { alo, alvys, os1 } = staged.sandboxes;
		const active = alvys.state.users.filter((u: { Status: string }) => u.Status === 'Active');
		const leaving = active.slice(0, Math.ceil(alvys.state.users.length * 0.6));
		for (const user of leaving) alvys.mutate({ op: 'setStatus', status: 'Disabled', id: user.Id });
		alo.clearLog();
		os1.clearLog();
		try {
			const result = await executeWorkflow(staged.runtime, staged.folder, examples.offboarding.id);
			expect(result.ok).toBe(false);
			expect(JSON.stringify(result.run ?? result.error)).toMatch(
				/Safeguard: \d+ of \d+ Alvys users are not active, more than this workflow offboards in one run/,
			);
			expect(alo.requests({ method: 'POST' })).toHaveLength(0);
			expect(os1.requests({ method: 'PUT' })).toHaveLength(0);
		} finally {
			for (const user of leaving) alvys.mutate({ op: 'setStatus', status: 'Active', id: user.Id });
		}
	});

	it('example: directory sync stops when a system suddenly lists nobody', async () => {
		const { os1 } = staged.sandboxes;
		os1.failNext({
			method: 'GET',
			path: '/core/api/v1/users',
			kind: 'json',
			body: { error: null, data: { users: [], meta: { totalElements: 0 } } },
			count: 5,
		});
		try {
			const result = await executeWorkflow(
				staged.runtime,
				staged.folder,
				examples['directory-sync'].id,
			);
			expect(result.ok).toBe(false);
			expect(JSON.stringify(result.run ?? result.error)).toMatch(
				/Safeguard: \d+ of \d+ people are missing from OS1/,
			);
		} finally {
			os1.faults.queue.length = 0;
		}
	});

	it('example: directory sync lists who is missing or inactive where', async () => {
		const out = await run(examples['directory-sync'].id);
		const rows = out('Who is missing or inactive where');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.issues.length > 0)).toBe(true);
		// Someone without an Alvys login is reported as missing there.
		const alvysEmails = new Set(
			staged.sandboxes.alvys.state.users.map((u: { Email: string }) => u.Email),
		);
		const notInAlvys = staged.sandboxes.os1.state.users.find(
			(u: { email: string }) => !alvysEmails.has(u.email),
		);
		expect(rows.find((r) => r.email === notInAlvys.email)?.issues).toContain('Alvys: missing');
		// Someone active everywhere is not listed.
		const everywhere = staged.sandboxes.alvys.state.users.find(
			(u: { Status: string; Email: string; Phone: string }) =>
				u.Status === 'Active' &&
				staged.sandboxes.alo.state.users.some(
					(a: { phone_number: string; is_active: boolean }) =>
						a.phone_number === u.Phone && a.is_active,
				) &&
				staged.sandboxes.os1.state.users.some(
					(o: { email: string; state: string }) =>
						o.email === u.Email && o.state.startsWith('active'),
				),
		);
		expect(rows.some((r) => r.email === everywhere.Email)).toBe(false);
	});
});
