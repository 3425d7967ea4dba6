import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { userIdReader } from '../../nodes/Os1/actions/user/lookup';
import { runNode, type NodeUnderTest } from '../harness/run';
import { useSandbox } from '../harness/sandbox';

const os1 = useSandbox('os1', { users: 40 });
const users = () => os1.sandbox.state.users as Array<{ id: string; uniqueCode: string }>;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const getEmail = (value: string): NodeUnderTest => ({
	type: 'os1',
	credential: 'os1Api',
	parameters: { resource: 'user', operation: 'getEmail', userId: locator(value) },
	continueOnFail: true,
});

/** A context holding only what `userIdReader` may use; counts n8n's evaluations. */
function fakeContext(userId: unknown, input: IDataObject[]) {
	const evaluated: number[] = [];
	const context = {
		getNode: () => ({ parameters: { userId } }),
		getInputData: () => input.map((json) => ({ json })),
		getNodeParameter: (_name: string, itemIndex: number) => {
			evaluated.push(itemIndex);
			return `evaluated ${itemIndex}`;
		},
	} as unknown as IExecuteFunctions;
	return { read: userIdReader(context), evaluated };
}

describe('OS1 › Get Email / Get Mobile › reading the User of each item', () => {
	it('reads a string or number field named by {{ $json.field }} from the item, without evaluating', () => {
		for (const expression of [
			'={{ $json.id }}',
			'={{$json.id}}',
			'={{ $json["id"] }}',
			"={{ $json['id'] }}",
		]) {
			const { read, evaluated } = fakeContext(expression, [{ id: 'users:a' }, { id: 42 }]);
			expect([read(0), read(1)]).toEqual(['users:a', 42]);
			expect(evaluated).toEqual([]);
		}
		for (const mode of ['id', 'uniqueCode', 'list']) {
			const inLocator = { __rl: true, mode, value: '={{ $json.id }}' };
			const { read, evaluated } = fakeContext(inLocator, [{ id: 'users:a' }]);
			expect(read(0)).toBe('users:a');
			expect(evaluated).toEqual([]);
		}
	});

	it('leaves every other value and every other expression to n8n', () => {
		const odd = [{}, { id: null }, { id: { nested: 1 } }, { id: [1] }, { id: true }];
		const { read, evaluated } = fakeContext('={{ $json.id }}', odd);
		expect(odd.map((_, index) => read(index))).toEqual(odd.map((_, i) => `evaluated ${i}`));
		expect(evaluated).toEqual([0, 1, 2, 3, 4]);
		for (const expression of [
			'={{ $json.id }} ',
			'=x{{ $json.id }}',
			'={{ $json.id.trim() }}',
			'={{ $json.user.id }}',
			'={{ $json.id }}{{ $json.id }}',
			'={{ $("Other").item.json.id }}',
			'users:a',
			{ __rl: true, mode: 'id', value: 'users:a' },
			{ __rl: true, mode: 'id', value: '={{ $json.id.trim() }}' },
			{ mode: 'id', value: '={{ $json.id }}' },
		]) {
			const other = fakeContext(expression, [{ id: 'users:a' }]);
			expect(other.read(0)).toBe('evaluated 0');
			expect(other.evaluated).toEqual([0]);
		}
	});

	it('gives exactly what n8n evaluating the expression gives, item for item', async () => {
		const [a, b, c] = users();
		const input: IDataObject[] = [
			{ id: a.id },
			{ id: b.uniqueCode },
			{ id: a.id },
			{ id: `  ${c.id}  ` },
			{ id: 12345 },
			{ id: '' },
			{},
			{ id: null },
			{ id: { id: a.id } },
			{ id: `${a.id},${b.id}` },
			{ id: 'users:unknown' },
			{ other: 'x', id: c.id },
		];
		// Read from the item (the expression matches) …
		const direct = await runNode(getEmail('={{ $json.id }}'), {
			credentials: { os1Api: os1.credentials() },
			input,
		});
		const directCalls = os1.sandbox.requests({ path: '/core/api/v1/users' }).map((r) => r.query);
		os1.sandbox.clearLog();
		// … and evaluated by n8n (the same value, written so that it does not match).
		const evaluated = await runNode(getEmail('={{ ($json).id }}'), {
			credentials: { os1Api: os1.credentials() },
			input,
		});
		const evaluatedCalls = os1.sandbox.requests({ path: '/core/api/v1/users' }).map((r) => r.query);

		expect(direct.error).toBeUndefined();
		expect(direct.items).toHaveLength(input.length);
		expect(direct.items).toEqual(evaluated.items);
		expect(directCalls).toEqual(evaluatedCalls);
		// And the answers are the right ones.
		expect(direct.items[0].json.email).toBe(direct.items[2].json.email);
		expect(direct.items[3].json.userId).toBe(c.id);
		expect(direct.items[4].json.error).toContain('"12345"');
		expect(direct.items[9].json.error).toContain('one user per item');
	});
});
