import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { Sandbox } from '../../sandbox/index.mjs';
import { runNode } from '../harness/run';
import { freshSandbox, VENDORS, type VendorName } from './vendors';

/**
 * Input mistakes, as a careless workflow author makes them: each is refused before any
 * request is sent, with a message naming the field and the item, and under Continue On Fail
 * it becomes an error item paired to its input while the other items go through.
 */

const V = '={{ $json.v }}';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

interface BadInput {
	vendor: VendorName;
	what: string;
	/** Parameters, with `V` where the value under test goes. */
	parameters: IDataObject;
	bad: unknown;
	/** A value that works, for the other items (the item's index, to keep them apart). */
	good: (sandbox: Sandbox, index: number) => unknown;
	field: string;
	/** What the message says about the value. */
	says?: RegExp;
}

const aloId = (s: Sandbox, index = 0) => (s.state.users as Array<{ id: string }>)[index].id;
const alvysId = (s: Sandbox, index = 0) => (s.state.users as Array<{ Id: string }>)[index].Id;
const os1Id = (s: Sandbox, index = 0) => (s.state.users as Array<{ id: string }>)[index].id;
const os1ActiveId = (s: Sandbox, index = 0) =>
	(s.state.users as Array<{ id: string; state: string }>).filter((u) =>
		u.state.startsWith('active'),
	)[index].id;
const text = (value: string) => () => value;
const long = (n: number) => 'x'.repeat(n);

const aloCreate = (fields: IDataObject) => ({
	operation: 'create',
	loginType: 'PHONE_NUMBER',
	firstName: 'Ada',
	lastName: 'Lovelace',
	phoneNumber: '+12125550199',
	...fields,
});
const aloDevice = (fields: IDataObject) => ({
	operation: 'create',
	loginType: 'DEVICE',
	name: 'Dock tablet',
	deviceId: 'dock-7',
	...fields,
});
const os1Create = (fields: IDataObject) => ({
	operation: 'create',
	firstName: 'Ravi',
	designation: 'Rider',
	category: 'Regular',
	employmentType: 'Full-time',
	mobileNumber: '+91 98765 43210',
	...fields,
});

const CASES: BadInput[] = [
	// ĀLO: ids
	...(['', '   ', '.', '..', '%2e%2E', 'a\u0000b', long(300)] as const).map(
		(bad): BadInput => ({
			vendor: 'alo',
			what: `Get with the ID ${JSON.stringify(bad.slice(0, 8))}`,
			parameters: { operation: 'get', userId: rl(V) },
			bad,
			good: aloId,
			field: 'User',
		}),
	),
	{
		vendor: 'alo',
		what: 'Update with the ID "."',
		parameters: { operation: 'update', userId: rl(V), updateFields: { lastName: 'New' } },
		bad: '.',
		good: aloId,
		field: 'User',
		says: /"\." is not an ID/,
	},
	{
		vendor: 'alo',
		what: 'Delete with the ID ".."',
		parameters: { operation: 'delete', userId: rl(V) },
		bad: '..',
		good: aloId,
		field: 'User',
	},
	{
		vendor: 'alo',
		what: 'Deactivate with an empty ID',
		parameters: { operation: 'deactivate', userId: rl(V) },
		bad: '',
		good: aloId,
		field: 'User',
		says: /is required/,
	},
	// ĀLO: limits and filters
	...([0, -1, 2.5, 'abc', null] as const).map(
		(bad): BadInput => ({
			vendor: 'alo',
			what: `Get Many with the limit ${String(bad)}`,
			parameters: { operation: 'getAll', returnAll: false, limit: V },
			bad,
			good: () => 2,
			field: 'Limit',
			says: /is not a whole number of at least 1/,
		}),
	),
	{
		vendor: 'alo',
		what: 'Get Many filtered by a phone number that is not one',
		parameters: { operation: 'getAll', returnAll: false, limit: 2, filters: { phoneNumbers: V } },
		bad: 'call me',
		good: text('+15551000001'),
		field: 'Phone Numbers',
	},
	// ĀLO: create and update
	{
		vendor: 'alo',
		what: 'Create without a first name',
		parameters: aloCreate({ firstName: V }),
		bad: ' ',
		good: text('Ada'),
		field: 'First Name',
	},
	{
		vendor: 'alo',
		what: 'Create without a last name',
		parameters: aloCreate({ lastName: V }),
		bad: '',
		good: text('Lovelace'),
		field: 'Last Name',
	},
	{
		vendor: 'alo',
		what: 'Create with an object as the first name',
		parameters: aloCreate({ firstName: V }),
		bad: { first: 'Ada' },
		good: text('Ada'),
		field: 'First Name',
		says: /expects text/,
	},
	...(['12345', '+0 212 555 0199', '+1 (212) 555-01999999999', 'tel:+12125550199'] as const).map(
		(bad): BadInput => ({
			vendor: 'alo',
			what: `Create with the phone number ${bad}`,
			parameters: aloCreate({ phoneNumber: V }),
			bad,
			good: text('+1 (212) 555-0199'),
			field: 'Phone Number',
			says: /is not a phone number in international format/,
		}),
	),
	{
		vendor: 'alo',
		what: 'Create a device user without a name',
		parameters: aloDevice({ name: V }),
		bad: '',
		good: text('Dock tablet'),
		field: 'Name',
	},
	{
		vendor: 'alo',
		what: 'Create a device user without a device ID',
		parameters: aloDevice({ deviceId: V }),
		bad: '',
		good: text('dock-7'),
		field: 'Device ID',
	},
	{
		vendor: 'alo',
		what: 'Create with a role ĀLO does not have',
		parameters: aloCreate({ additionalFields: { role: V } }),
		bad: 'boss',
		good: text('member'),
		field: 'Role',
		says: /is not one of admin, supervisor, member, staff/,
	},
	{
		vendor: 'alo',
		what: 'Get Many filtered by a 300-character device ID',
		parameters: { operation: 'getAll', returnAll: false, limit: 2, filters: { deviceIds: V } },
		bad: long(300),
		good: (s) =>
			(s.state.users as Array<{ device_id?: string }>).find((u) => u.device_id)!.device_id,
		field: 'Device IDs',
		says: /at most 256 are accepted/,
	},
	{
		vendor: 'alo',
		what: 'Update with a phone number that is not one',
		parameters: {
			operation: 'update',
			userId: rl(aloIdPlaceholder()),
			updateFields: { phoneNumber: V },
		},
		bad: '555',
		good: (_, index) => `+1555123450${index}`,
		field: 'Phone Number',
	},
	{
		vendor: 'alo',
		what: 'Update with an empty last name',
		parameters: {
			operation: 'update',
			userId: rl(aloIdPlaceholder()),
			updateFields: { lastName: V },
		},
		bad: '',
		good: text('Byron'),
		field: 'Last Name',
	},
	// Alvys
	...(['', long(300)] as const).map(
		(bad): BadInput => ({
			vendor: 'alvys',
			what: `Get with the user ${JSON.stringify(bad.slice(0, 8))}`,
			parameters: { operation: 'get', userId: V },
			bad,
			good: alvysId,
			field: 'User',
		}),
	),
	...([0, 1.5, '-3'] as const).map(
		(bad): BadInput => ({
			vendor: 'alvys',
			what: `Get Many with the limit ${String(bad)}`,
			parameters: { operation: 'getAll', returnAll: false, limit: V },
			bad,
			good: () => 3,
			field: 'Limit',
		}),
	),
	{
		vendor: 'alvys',
		what: 'Get Many with a 2,000-character keyword',
		parameters: { operation: 'getAll', returnAll: false, limit: 2, filters: { keyword: V } },
		bad: long(2000),
		good: text('a'),
		field: 'Keyword',
		says: /at most 1000 are accepted/,
	},
	// OS1: ids
	...(['..', '.', ' '] as const).map(
		(bad): BadInput => ({
			vendor: 'os1',
			what: `Get with the ID ${JSON.stringify(bad)}`,
			parameters: { operation: 'get', lookUpBy: 'id', userId: V },
			bad,
			good: os1Id,
			field: 'User',
		}),
	),
	{
		vendor: 'os1',
		what: 'Get by AAA ID "."',
		parameters: { operation: 'get', lookUpBy: 'aaaId', userId: V },
		bad: '.',
		good: text('aaa-00001'),
		field: 'User',
	},
	{
		vendor: 'os1',
		what: 'Get State with an empty ID',
		parameters: { operation: 'getState', lookUpBy: 'id', userId: V },
		bad: '',
		good: os1Id,
		field: 'User',
	},
	{
		vendor: 'os1',
		what: 'Change State with the ID ".."',
		parameters: {
			operation: 'changeState',
			lookUpBy: 'id',
			userId: V,
			toState: 'deboarding',
		},
		bad: '..',
		good: os1ActiveId,
		field: 'User',
	},
	{
		vendor: 'os1',
		what: 'Change State without a state',
		parameters: {
			operation: 'changeState',
			lookUpBy: 'id',
			userId: os1IdPlaceholder(),
			toState: V,
		},
		bad: '',
		good: text('deboarding'),
		field: 'To State',
	},
	{
		vendor: 'os1',
		what: 'Change State with data that is not JSON',
		parameters: {
			operation: 'changeState',
			lookUpBy: 'id',
			userId: os1IdPlaceholder(),
			toState: 'deboarding',
			options: { data: V },
		},
		bad: '{not json',
		good: text('{"shift":"B"}'),
		field: 'Data (JSON)',
	},
	{
		vendor: 'os1',
		what: 'Change State with a JSON list as data',
		parameters: {
			operation: 'changeState',
			lookUpBy: 'id',
			userId: os1IdPlaceholder(),
			toState: 'deboarding',
			options: { data: V },
		},
		bad: '[1, 2]',
		good: text('{}'),
		field: 'Data (JSON)',
		says: /must be a JSON object/,
	},
	{
		vendor: 'os1',
		what: 'Deactivate with the ID "."',
		parameters: { operation: 'deactivate', lookUpBy: 'id', userId: V },
		bad: '.',
		good: os1ActiveId,
		field: 'User',
	},
	// OS1: create and update
	{
		vendor: 'os1',
		what: 'Create without a first name',
		parameters: os1Create({ firstName: V }),
		bad: '',
		good: text('Ravi'),
		field: 'First Name',
	},
	{
		vendor: 'os1',
		what: 'Create without a designation',
		parameters: os1Create({ designation: V }),
		bad: '  ',
		good: text('Rider'),
		field: 'Designation',
	},
	{
		vendor: 'os1',
		what: 'Create with a category OS1 does not have',
		parameters: os1Create({ category: V }),
		bad: 'Temp',
		good: text('Adhoc'),
		field: 'Category',
	},
	{
		vendor: 'os1',
		what: 'Create with an employment type OS1 does not have',
		parameters: os1Create({ employmentType: V }),
		bad: 'Intern',
		good: text('Contract'),
		field: 'Employment Type',
	},
	...(['98765 43210', '+91', 'ninety-one'] as const).map(
		(bad): BadInput => ({
			vendor: 'os1',
			what: `Create with the mobile number ${bad}`,
			parameters: os1Create({ mobileNumber: V }),
			bad,
			good: text('+91 98765 43210'),
			field: 'Mobile Number',
		}),
	),
	{
		vendor: 'os1',
		what: 'Update with a mobile number that is not one',
		parameters: {
			operation: 'update',
			lookUpBy: 'id',
			userId: os1IdPlaceholder(),
			updateFields: { mobileNumber: V },
		},
		bad: '12',
		good: text('+44 7700 900123'),
		field: 'Mobile Number',
	},
	// OS1: lookups and lists
	{
		vendor: 'os1',
		what: 'Get Email with an empty user',
		parameters: { operation: 'getEmail', userId: V },
		bad: '',
		good: os1Id,
		field: 'User',
	},
	{
		vendor: 'os1',
		what: 'Get Email with two users in one item',
		parameters: { operation: 'getEmail', userId: V },
		bad: 'users:a,users:b',
		good: os1Id,
		field: 'User',
		says: /one user per item/,
	},
	{
		vendor: 'os1',
		what: 'Get Mobile with the ID ".."',
		parameters: { operation: 'getMobile', userId: V },
		bad: '..',
		good: os1Id,
		field: 'User',
	},
	{
		vendor: 'os1',
		what: 'Get Many with the limit 0',
		parameters: { operation: 'getAll', returnAll: false, limit: V },
		bad: 0,
		good: () => 2,
		field: 'Limit',
	},
	{
		vendor: 'os1',
		what: 'Get Many with a 3,000-character query',
		parameters: { operation: 'getAll', returnAll: false, limit: 2, options: { query: V } },
		bad: long(3000),
		good: text('a'),
		field: 'Query',
	},
];

/** Ids that only exist once the sandbox is up: filled in per case. */
function aloIdPlaceholder() {
	return '={{ $json.existingId }}';
}
function os1IdPlaceholder() {
	return '={{ $json.existingId }}';
}
function existingId(vendor: VendorName, sandbox: Sandbox, index: number) {
	if (vendor === 'alo') return aloId(sandbox, index);
	return vendor === 'os1' ? os1ActiveId(sandbox, index) : alvysId(sandbox, index);
}

describe('Bad input', () => {
	it('covers at least 40 mistakes across the three nodes', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
		expect(new Set(CASES.map((c) => c.vendor))).toEqual(new Set(['alo', 'alvys', 'os1']));
	});

	it.concurrent.each(CASES)('$vendor › $what', async (input) => {
		const vendor = VENDORS[input.vendor];
		const env = await freshSandbox(vendor, { users: 40 });
		try {
			const item = (v: unknown, index = 0): IDataObject => ({
				v: v as IDataObject[string],
				existingId: existingId(input.vendor, env.sandbox, index),
			});
			const fieldPattern = (index: number) =>
				new RegExp(`^${input.field.replace(/[()]/g, '\\$&')}: .*\\[item ${index}\\]$`);

			// Alone, it stops the node before any request.
			const alone = await runNode(env.node(input.parameters), {
				credentials: env.credentials(),
				input: [item(input.bad)],
			});
			expect(alone.items).toHaveLength(0);
			expect(alone.error?.message).toMatch(fieldPattern(0));
			if (input.says) expect(alone.error?.message).toMatch(input.says);
			expect(env.sandbox.log).toHaveLength(0);

			// Between good items, under Continue On Fail, it is one paired error item.
			const mixed = await runNode(env.node(input.parameters, { continueOnFail: true }), {
				credentials: env.credentials(),
				input: [
					item(input.good(env.sandbox, 0), 0),
					item(input.bad, 1),
					item(input.good(env.sandbox, 2), 2),
				],
			});
			expect(mixed.error).toBeUndefined();
			const errors = mixed.items.filter((i) => i.json.error !== undefined);
			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
			expect(String(errors[0].json.error)).toMatch(fieldPattern(1));
			const paired = (index: number) =>
				mixed.items.filter((i) => (i.pairedItem as { item: number }).item === index);
			expect(paired(0).length).toBeGreaterThan(0);
			expect(paired(2).length).toBeGreaterThan(0);
			expect([...paired(0), ...paired(2)].every((i) => i.json.error === undefined)).toBe(true);
		} finally {
			await env.close();
		}
	});
});

describe('Bad credential addresses', () => {
	it.concurrent.each([
		['alo', 'baseUrl', 'api.alo.ai/v1', /ĀLO API credential › Base URL: .* is not a full address/],
		['alo', 'baseUrl', 'https://api.alo .ai/v1', /contains spaces/],
		['alo', 'baseUrl', 'file:///etc/passwd', /uses file; only http and https are allowed/],
		[
			'alvys',
			'baseUrl',
			'ftp://integrations.alvys.com',
			/Alvys API credential › Base URL: .*uses ftp/,
		],
		[
			'alvys',
			'tokenUrl',
			'auth.alvys.com/oauth/token',
			/Token URL: .* is not an http\(s\) address/,
		],
		['os1', 'tenantUrl', 'mytenant.getos1.com', /OS1 API credential › Tenant URL/],
	] as Array<[VendorName, string, string, RegExp]>)(
		'%s: %s "%s" is refused before any request',
		async (name, field, value, message) => {
			const vendor = VENDORS[name];
			const env = await freshSandbox(vendor, { users: 10 });
			try {
				const stored = env.credentials().get(vendor.credential)!;
				stored[field] = value;
				const { error } = await runNode(env.node(vendor.list), { credentials: env.credentials() });
				expect(error?.message).toMatch(message);
				expect(env.sandbox.log).toHaveLength(0);
			} finally {
				await env.close();
			}
		},
	);
});
