/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code runs in Node and a browser, not in n8n */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT, setUpOwner, startEditor, stop } from '../../scripts/n8n-cli.mjs';
import { loadExamples, stage } from '../../scripts/stage.mjs';

/** Debian's Chromium: the browser tests never download one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

const OWNER = {
	email: 'ui-test@workforce-users.local',
	firstName: 'Ui',
	lastName: 'Tester',
	password: 'Workforce-Ui-1',
};

/** A TCP port nothing listens on now (n8n must never take 5678, which a demo may hold). */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * What `npm run demo` runs, on free ports: the sandboxes, a real n8n with our built package,
 * the sandbox credentials and the three examples, and the editor with an owner account.
 */
export async function startStack(log: (message: string) => void) {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium); the tests never download a browser`,
		);
	}
	const examples = loadExamples();
	const staged = await stage({
		dir: path.join(REPO_ROOT, '.ui'),
		workflows: Object.values(examples),
		users: 40,
		latencyMs: 0,
		log,
	});
	let editor: Awaited<ReturnType<typeof startEditor>> | undefined;
	// If the test process is killed, n8n must not outlive it.
	const killEditor = () => editor?.child.kill('SIGKILL');
	process.once('exit', killEditor);
	try {
		editor = await startEditor(staged.runtime, staged.folder, {
			port: await freePort(),
			timeoutMs: 240_000,
		});
		await setUpOwner(editor.base, OWNER);
	} catch (error) {
		await stop(editor?.child);
		await staged.close();
		throw error;
	}
	const userData = mkdtempSync(path.join(tmpdir(), 'workforce-ui-chromium-'));
	const browser = await chromium.launchPersistentContext(userData, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	selectors.setTestIdAttribute('data-test-id');
	mkdirSync(SCREENSHOTS, { recursive: true });
	return {
		examples,
		staged,
		base: editor.base,
		browser,
		async close() {
			await browser.close().catch(() => undefined);
			rmSync(userData, { recursive: true, force: true });
			await stop(editor?.child);
			process.removeListener('exit', killEditor);
			await staged.close();
		},
	};
}

/** Signs in as the owner; the session cookie then serves every page of the context. */
export async function signIn(browser: BrowserContext, base: string): Promise<Page> {
	const page = browser.pages()[0] ?? (await browser.newPage());
	page.setDefaultTimeout(60_000);
	await page.goto(`${base}/signin`);
	await page.getByLabel(/email/i).fill(OWNER.email);
	await page.getByLabel(/password/i).fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL(/\/(home|workflows?)/, { timeout: 120_000 });
	return page;
}

export async function setTheme(page: Page, theme: 'light' | 'dark') {
	await page.evaluate((value) => localStorage.setItem('N8N_THEME', value), theme);
}

/** Opens a workflow and waits until its nodes are drawn. */
export async function openWorkflow(page: Page, base: string, id: string) {
	await page.goto(`${base}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor({ timeout: 120_000 });
	// Zoom to fit, as a person opening the workflow sees it.
	await page.getByTestId('zoom-to-fit').click();
	await page.waitForTimeout(500);
}

export interface LabelProblem {
	node: string;
	text: string;
	/** What the label's text runs into. */
	overlaps: string;
}

/**
 * Every node label and subtitle readable: the box of each line of its text (measured on the
 * text itself, not its container) touches no other node and no other node's label. A label
 * half covered by a neighbour, as in a layout 100 px apart, fails here.
 */
export async function unreadableLabels(page: Page): Promise<LabelProblem[]> {
	return await page.evaluate(() => {
		type Box = { left: number; right: number; top: number; bottom: number };
		const overlap = (a: Box, b: Box) =>
			a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
		const nodes = [...document.querySelectorAll<HTMLElement>('[data-test-id="canvas-node"]')].map(
			(node) => {
				const body = node.querySelector<HTMLElement>('[class*="_node_"]') ?? node;
				const texts = [
					...node.querySelectorAll<HTMLElement>('[class*="_label_"], [class*="_subtitle_"]'),
				]
					.filter((el) => el.children.length === 0 && el.textContent?.trim())
					.map((el) => {
						const range = document.createRange();
						range.selectNodeContents(el);
						return { text: el.textContent!.trim(), lines: [...range.getClientRects()] };
					});
				return {
					name: node.getAttribute('data-node-name') ?? '?',
					body: body.getBoundingClientRect(),
					texts,
				};
			},
		);
		const problems: Array<{ node: string; text: string; overlaps: string }> = [];
		for (const node of nodes) {
			for (const { text, lines } of node.texts) {
				for (const line of lines) {
					for (const other of nodes) {
						if (other === node) continue;
						if (overlap(line, other.body))
							problems.push({ node: node.name, text, overlaps: `node "${other.name}"` });
						for (const theirs of other.texts)
							if (theirs.lines.some((l) => overlap(line, l)))
								problems.push({
									node: node.name,
									text,
									overlaps: `"${theirs.text}" of node "${other.name}"`,
								});
					}
				}
			}
		}
		return problems;
	});
}

/** The labels of the node's parameters shown now (top level, not inside collections). */
export async function shownParameters(page: Page): Promise<string[]> {
	return await page.getByTestId('node-parameters').evaluate((root: HTMLElement) => {
		const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
		return [...root.querySelectorAll<HTMLElement>('[data-test-id="parameter-item"]')]
			.filter((item) => visible(item) && !item.classList.contains('indent'))
			.filter((item) => !item.parentElement?.closest('[data-test-id="parameter-item"]'))
			.map((item) => {
				const label = item.querySelector<HTMLElement>('[data-test-id="input-label"]') ?? item;
				// The Fixed / Expression toggle shows next to a label under the mouse.
				return label.innerText
					.split('\n')[0]
					.replace(/\s*Fixed\s*Expression\s*$/, '')
					.trim();
			})
			.filter((label) => label !== 'Credential' && label !== 'Credential to connect with');
	});
}

/** Picks an option of an `options` parameter in the open node. */
export async function choose(page: Page, parameter: string, option: string) {
	await page.getByTestId(`parameter-input-${parameter}`).click();
	await page
		.getByRole('option', { name: new RegExp(`^${escapeRegExp(option)}(\\s|$)`) })
		.first()
		.click();
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function screenshot(page: Page, name: string) {
	await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
