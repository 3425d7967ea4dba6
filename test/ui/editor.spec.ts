/* eslint-disable no-console, @n8n/community-nodes/no-restricted-imports -- test code runs in Node and a browser, not in n8n Cloud; progress is worth seeing on a slow machine */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadVendors } from '../../sandbox/index.mjs';
import { REPO_ROOT } from '../../scripts/n8n-cli.mjs';
import {
	choose,
	openWorkflow,
	screenshot,
	setTheme,
	shownParameters,
	signIn,
	startStack,
	unreadableLabels,
	type Stack,
} from './browser';

/**
 * The package as a person meets it in n8n's editor (n8n 2.41.1, headless Chromium): the
 * examples, the node panel, every operation's fields, icons in both themes, the credential
 * forms and their Test button, the user picker, and one Get Many run from the panel.
 */
let stack: Stack;
let page: Page;
const started = Date.now();
const log = (message: string) =>
	console.log(`[ui ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}`);

beforeAll(async () => {
	stack = await startStack(log);
	page = await signIn(stack.browser, stack.base);
	log(`signed in to ${stack.base}`);
});
afterAll(async () => {
	await stack?.close();
	log('stopped n8n, the browser and the sandboxes');
});

const nodeOn = (name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
const creator = () => page.getByTestId('node-creator');
const creatorItems = () => creator().getByTestId('item-iterator-item');

async function openNodePanel() {
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator-plus-button').click();
	await creator().waitFor();
}

async function searchNodePanel(text: string): Promise<string[]> {
	await page.getByTestId('node-creator-search-bar').fill(text);
	// Results settle after a debounce; wait until two reads agree.
	let previous = '';
	for (let i = 0; i < 20; i++) {
		await page.waitForTimeout(300);
		const now = (await creatorItems().allInnerTexts()).join('|');
		if (now === previous && now !== '') break;
		previous = now;
	}
	return (await creatorItems().allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

async function closeNdv() {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

describe('the examples', () => {
	const examples = [
		['onboarding', 'wfuOnboarding01'],
		['offboarding', 'wfuOffboarding1'],
		['directory-sync', 'wfuDirectorySync'],
	] as const;

	for (const [file, id] of examples) {
		it(`${file}: every label and subtitle is readable, subtitles say what a node does`, async () => {
			await setTheme(page, 'light');
			await openWorkflow(page, stack.base, id);
			expect(await unreadableLabels(page)).toEqual([]);
			const workflow = stack.examples[file];
			for (const node of workflow.nodes) {
				if (!node.type.startsWith('n8n-nodes-workforce-users.')) continue;
				const subtitle = await nodeOn(node.name).locator('[class*="_subtitle_"]').innerText();
				// A readable subtitle, never an internal `getAll: user`.
				expect(subtitle).toMatch(/^(Create|Deactivate|Delete|Get|Update|Change)( many)? user/);
				expect(subtitle).not.toMatch(/:|getAll/);
			}
			await screenshot(page, `example-${file}`);
			log(`example ${file}: ${workflow.nodes.length} nodes readable`);
		});
	}
});

describe('icons', () => {
	for (const theme of ['light', 'dark'] as const) {
		it(`load in the ${theme} theme, the ${theme} variant of each`, async () => {
			await setTheme(page, theme);
			await openWorkflow(page, stack.base, 'wfuDirectorySync');
			for (const [name, file] of [
				['ĀLO users', 'alo'],
				['Alvys users', 'alvys'],
				['OS1 users', 'os1'],
			]) {
				const icon = nodeOn(name).locator('img').first();
				await expect
					.poll(async () => await icon.evaluate((img: HTMLImageElement) => img.naturalWidth))
					.toBeGreaterThan(0);
				const src = await icon.getAttribute('src');
				expect(src).toMatch(
					new RegExp(`/icons/${file}${theme === 'dark' ? '\\.dark' : ''}\\.svg$`),
				);
				// The file n8n serves is the one in the package.
				const served = await page.evaluate(async (url) => await (await fetch(url)).text(), src!);
				const shipped = readFileSync(
					path.join(REPO_ROOT, 'icons', `${file}${theme === 'dark' ? '.dark' : ''}.svg`),
					'utf8',
				);
				expect(served.trim()).toBe(shipped.trim());
			}
			// The node box the icons sit on, as test/descriptions/icons.test.ts assumes it.
			const background = await nodeOn('Alvys users')
				.locator('[class*="_node_"]')
				.first()
				.evaluate((el) => {
					// n8n writes some colours as oklch(); a canvas pixel gives them as sRGB.
					const context = document.createElement('canvas').getContext('2d')!;
					context.fillStyle = getComputedStyle(el).backgroundColor;
					context.fillRect(0, 0, 1, 1);
					const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
					return `rgb(${r}, ${g}, ${b})`;
				});
			expect(background).toBe(theme === 'dark' ? 'rgb(43, 43, 43)' : 'rgb(255, 255, 255)');
			if (theme === 'dark') await screenshot(page, 'example-directory-sync-dark');
			await setTheme(page, 'light');
		});
	}
});

describe('the node panel', () => {
	it('finds our nodes by name and by the words people type ("alo" without the macron, "users", "onboarding", "offboard")', async () => {
		await openWorkflow(page, stack.base, 'wfuOnboarding01');
		await openNodePanel();
		const expectations: Array<[string, string[]]> = [
			['ĀLO', ['ĀLO']],
			['Alvys', ['Alvys']],
			['OS1', ['OS1']],
			['alo', ['ĀLO']],
			['users', ['ĀLO', 'Alvys', 'OS1']],
			['onboarding', ['ĀLO', 'Alvys', 'OS1']],
			['offboard', ['ĀLO', 'Alvys', 'OS1']],
		];
		for (const [typed, expected] of expectations) {
			const found = await searchNodePanel(typed);
			for (const name of expected) expect(found, `"${typed}" finds ${name}`).toContain(name);
			if (typed === 'alo') await screenshot(page, 'node-panel-search-alo');
			log(`node panel "${typed}": ${found.slice(0, 6).join(', ')}`);
		}
	});

	it('lists each node’s actions in alphabetical order, and trigger events in title case', async () => {
		for (const vendor of ['ĀLO', 'Alvys', 'OS1']) {
			await searchNodePanel(vendor);
			await creatorItems().filter({ hasText: vendor }).first().click();
			await expect
				.poll(async () => await page.getByTestId('nodes-list-header').first().innerText())
				.toContain(vendor);
			// Actions are one line; a node entry still sliding out has its description under it.
			const actions = (await creatorItems().allInnerTexts()).filter((t) => !t.includes('\n'));
			expect(actions.length).toBe(Object.keys(FIELDS[vendor]).length);
			expect(actions).toEqual([...actions].sort((a, b) => a.localeCompare(b)));
			if (vendor === 'OS1') await screenshot(page, 'node-panel-os1-actions');
			await page.getByTestId('node-creator-category-item').filter({ hasText: 'Triggers' }).click();
			const all = await creatorItems().allInnerTexts();
			const events = all.filter((text) => text.startsWith('On '));
			expect(events).toEqual([
				'On User Created',
				'On User Deactivated',
				'On User Reactivated',
				'On User Removed',
				'On User Updated',
			]);
			await page.getByTestId('nodes-list-header').locator('button').first().click();
		}
	});
});

/** What each operation shows: the fields a person fills in, nothing else. */
const FIELDS: Record<string, Record<string, string[]>> = {
	ĀLO: {
		Create: [
			'Login Type',
			'First Name',
			'Last Name',
			'Phone Number',
			'Additional Fields',
			'Options',
		],
		Deactivate: ['User', 'Options'],
		Delete: ['User', 'Options'],
		Get: ['User', 'Simplify', 'Options'],
		'Get Many': ['Return All', 'Limit', 'Filters', 'Simplify', 'Options'],
		Update: ['User', 'Update Fields', 'Options'],
	},
	Alvys: {
		Get: ['User', 'Simplify', 'Options'],
		'Get Many': ['Return All', 'Limit', 'Filters', 'Simplify', 'Options'],
	},
	OS1: {
		'Change State': ['User', 'To State', 'Options'],
		Create: [
			'First Name',
			'Designation',
			'Category',
			'Employment Type',
			'Mobile Number',
			'Additional Fields',
			'Options',
		],
		Deactivate: ['User', 'Options'],
		Get: ['User', 'Simplify', 'Options'],
		'Get Email': ['User', 'Options'],
		'Get Many': ['Return All', 'Limit', 'Options', 'Simplify'],
		'Get Mobile': ['User', 'Options'],
		'Get State': ['User', 'Options'],
		Update: ['User', 'Update Fields', 'Options'],
	},
};

describe('each node, added from the panel', () => {
	for (const [vendor, operations] of Object.entries(FIELDS)) {
		it(`${vendor}: every operation shows its own fields`, async () => {
			await openWorkflow(page, stack.base, 'wfuOnboarding01');
			await openNodePanel();
			await searchNodePanel(vendor);
			await creatorItems().filter({ hasText: vendor }).first().click();
			await creatorItems()
				.filter({ hasText: /^Get many users/ })
				.first()
				.click();
			await page.getByTestId('ndv').waitFor();
			// The Docs link works with the query n8n may append: no #anchor.
			const docs = await page
				.getByTestId('ndv')
				.getByRole('link', { name: /docs/i })
				.getAttribute('href');
			expect(docs).toMatch(/^https:\/\/github\.com\/.+\/docs\/(alo|alvys|os1)\.md$/);
			for (const [operation, expected] of Object.entries(operations)) {
				await choose(page, 'operation', operation);
				await expect
					.poll(async () => (await shownParameters(page)).filter(notNotice))
					.toEqual(['Resource', 'Operation', ...expected]);
				if (vendor === 'ĀLO' && operation === 'Create') {
					// Phone fields only for phone login.
					await choose(page, 'loginType', 'Device');
					await expect
						.poll(async () => (await shownParameters(page)).filter(notNotice))
						.toEqual([
							'Resource',
							'Operation',
							'Login Type',
							'Name',
							'Device ID',
							'Additional Fields',
							'Options',
						]);
					await choose(page, 'loginType', 'Phone Number');
				}
				if (vendor === 'OS1' && operation === 'Get') {
					await page.getByTestId('parameter-input-userId').getByTestId('rlc-mode-selector').click();
					const modes = await page.getByRole('option').allInnerTexts();
					expect(modes.map((mode) => mode.trim().toLowerCase())).toEqual([
						'from list',
						'by id',
						'aaa id',
						'user code',
						'unique code',
					]);
					await page.keyboard.press('Escape');
				}
			}
			log(`${vendor}: ${Object.keys(operations).length} operations checked`);
			await closeNdv();
		});
	}
});

const notNotice = (label: string) => !/^(ĀLO recommends|The Alvys API only reads)/.test(label);

describe('the user picker', () => {
	it('ĀLO lists deactivated users, marked, and finds one on the last page by typing', async () => {
		await openWorkflow(page, stack.base, 'wfuOnboarding01');
		await openNodePanel();
		await searchNodePanel('ĀLO');
		await creatorItems().filter({ hasText: 'ĀLO' }).first().click();
		await creatorItems()
			.filter({ hasText: /^Deactivate a user/ })
			.first()
			.click();
		await page.getByTestId('ndv').waitFor();
		const locator = page.getByTestId('parameter-input-userId');
		await locator.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		await items.first().waitFor({ timeout: 60_000 });
		const users = stack.staged.sandboxes.alo.state.users as Array<{
			is_active: boolean;
			first_name: string;
			last_name: string;
			name: string;
		}>;
		const inactive = users.filter((user) => !user.is_active).length;
		expect(inactive).toBeGreaterThan(0);
		await expect.poll(async () => await items.count()).toBe(users.length);
		const shown = await items.allInnerTexts();
		expect(shown.filter((text) => text.includes('· deactivated'))).toHaveLength(inactive);
		await screenshot(page, 'user-picker-alo');
		const last = users[users.length - 1];
		const lastName = last.name || `${last.first_name} ${last.last_name}`;
		await page.getByTestId('rlc-search').fill(lastName);
		await expect
			.poll(async () => await items.allInnerTexts())
			.toContainEqual(expect.stringContaining(lastName));
		await page.keyboard.press('Escape');
		await closeNdv();
	});
});

describe('a Get Many run from the panel', () => {
	it('ĀLO users: one item per user', async () => {
		await openWorkflow(page, stack.base, 'wfuDirectorySync');
		await nodeOn('ĀLO users').dblclick();
		await page.getByTestId('ndv').waitFor();
		await page.getByTestId('parameter-input-simplify').locator('.el-switch').click();
		await page.getByTestId('node-execute-button').click();
		const expected = stack.staged.sandboxes.alo.state.users.length;
		await expect
			.poll(async () => await page.getByTestId('output-panel').innerText(), { timeout: 120_000 })
			.toContain(`${expected} items`);
		// Simplified: the same first five fields for every vendor. The item count is shown
		// before the table has rendered, so the header is polled too.
		const header = page.getByTestId('output-panel').locator('table thead th');
		await expect
			.poll(async () => (await header.allInnerTexts()).map((c) => c.trim()).slice(0, 5), {
				timeout: 30_000,
			})
			.toEqual(['id', 'name', 'email', 'phone', 'active']);
		await screenshot(page, 'get-many-run-alo');
		log(`ĀLO Get Many from the panel: ${expected} items`);
		await closeNdv();
	});
});

describe('credential forms', () => {
	const cases = [
		{
			name: 'ĀLO account',
			vendor: 'alo',
			fields: ['Base URL', 'API Key'],
			secret: 'apiKey',
			message: /ĀLO refused the API Key\. Check the API Key/,
		},
		{
			name: 'Alvys account',
			vendor: 'alvys',
			fields: ['Client ID', 'Client Secret', 'Token URL', 'Audience', 'Base URL', 'API Version'],
			secret: 'clientSecret',
			message: /Alvys refused the Client ID or Client Secret\. Check both/,
		},
		{
			name: 'OS1 account',
			vendor: 'os1',
			fields: ['Tenant URL', 'Tenant ID', 'Client ID', 'Client Secret', 'Audience', 'Users Path'],
			secret: 'clientSecret',
			message: /OS1 refused the credential\. Check the Tenant ID, Client ID and Client Secret/,
		},
	] as const;

	for (const { name, vendor, fields, secret, message } of cases) {
		it(`${name}: shows its fields, Test succeeds, a wrong secret fails saying which field to check`, async () => {
			const vendors = await loadVendors();
			const right = String(
				(vendors[vendor].credentials?.(stack.staged.sandboxes[vendor]) as Record<string, unknown>)[
					secret
				],
			);
			await page.goto(`${stack.base}/home/credentials`);
			await page.getByText(name, { exact: true }).first().click();
			const form = page.getByTestId('credential-edit-dialog');
			await form.getByText('Connection tested successfully').waitFor({ timeout: 120_000 });
			const fieldLabels = form.locator('[data-test-id="credential-connection-parameter"] label');
			const labels = (await fieldLabels.allInnerTexts()).map((label) =>
				label
					.split('\n')[0]
					.replace(/\*\s*$/, '')
					.trim(),
			);
			// Ours, then n8n's own (Allowed HTTP Request Domains, on every credential in n8n 2.x).
			expect(labels.slice(0, fields.length)).toEqual(fields);
			// Every field has help text (n8n shows it behind the ? next to the label).
			for (const field of fields) {
				const label = fieldLabels.filter({ hasText: field }).first();
				expect(await label.locator('[data-icon="circle-help"]').count(), `help for ${field}`).toBe(
					1,
				);
			}
			// The Test button ("Retry" once a test has run) against the sandbox.
			await form.getByRole('button', { name: /retry/i }).click();
			await form.getByText('Connection tested successfully').waitFor({ timeout: 120_000 });

			const input = form.getByTestId(`parameter-input-${secret}`).locator('input');
			await input.fill('not-the-right-secret');
			await page.getByTestId('credential-save-button').click();
			await form.getByText(/Couldn.t connect with these settings/).waitFor({ timeout: 120_000 });
			const details = form.getByText('More details');
			if (await details.isVisible()) await details.click();
			await expect.poll(async () => await form.innerText()).toMatch(message);
			if (vendor === 'alvys') await screenshot(page, 'credential-test-wrong-secret-alvys');

			// Put the right secret back, so later runs and the other tests use a working credential.
			await input.fill(right);
			await page.getByTestId('credential-save-button').click();
			await form.getByText('Connection tested successfully').waitFor({ timeout: 120_000 });
			await page.keyboard.press('Escape');
			log(`${name}: fields, Test and a wrong ${secret} checked`);
		});
	}
});

describe('AI Agent tool variants in the running n8n', () => {
	it('exist for the three action nodes, with a tool description set per operation', async () => {
		const types = (await page.evaluate(
			async (url) => await (await fetch(url, { credentials: 'include' })).json(),
			`${stack.base}/types/nodes.json`,
		)) as Array<{ name: string; outputs: unknown; properties: Array<{ name: string }> }>;
		for (const node of ['alo', 'alvys', 'os1']) {
			const tool = types.find((type) => type.name === `CUSTOM.${node}Tool`);
			expect(tool, `CUSTOM.${node}Tool`).toBeDefined();
			expect(tool!.outputs).toEqual(['ai_tool']);
			expect(tool!.properties.map((p) => p.name)).toEqual(
				expect.arrayContaining(['descriptionType', 'toolDescription', 'operation']),
			);
		}
		for (const trigger of ['aloTrigger', 'alvysTrigger', 'os1Trigger'])
			expect(types.some((type) => type.name === `CUSTOM.${trigger}Tool`)).toBe(false);
	});
});
