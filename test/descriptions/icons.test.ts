/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node, not in n8n Cloud */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * Icon contrast, WCAG 2.x style: the tile must stand out from the node box it sits on, and
 * the mark from the tile, by at least 3:1 (the ratio for graphics, WCAG 1.4.11). The node
 * boxes' colours are n8n 2.41.1's, read in the browser by `npm run test:ui`.
 */
const NODE_BACKGROUND = { light: '#FFFFFF', dark: '#2B2B2B' };
const ICONS = path.resolve(__dirname, '../../icons');

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

/** The tile (the first shape's fill) and every other colour drawn on it. */
function colours(file: string) {
	const svg = readFileSync(path.join(ICONS, file), 'utf8');
	const long = (hex: string) =>
		hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
	const all = [...svg.matchAll(/(?:fill|stroke)="(#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3})?)"/g)].map(
		(m) => long(m[1]),
	);
	const tile = all[0];
	if (!/^<svg[^>]*><rect /.test(svg)) throw new Error(`${file}: the tile is not the first shape`);
	return { tile, marks: all.filter((colour, index) => index > 0 && colour !== tile) };
}

describe('icons', () => {
	for (const vendor of ['alo', 'alvys', 'os1']) {
		for (const theme of ['light', 'dark'] as const) {
			const file = `${vendor}${theme === 'dark' ? '.dark' : ''}.svg`;
			it(`${file}: the tile stands out from n8n's ${theme} node box, the mark from the tile`, () => {
				const { tile, marks } = colours(file);
				expect(contrast(tile, NODE_BACKGROUND[theme])).toBeGreaterThanOrEqual(3);
				expect(marks.length).toBeGreaterThan(0);
				for (const mark of marks) expect(contrast(mark, tile), mark).toBeGreaterThanOrEqual(3);
			});
		}
	}

	it('measures contrast as WCAG does', () => {
		expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
		expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
		// The dark icons shipped before: a tile as dark as the node box.
		expect(contrast('#1C2B4A', NODE_BACKGROUND.dark)).toBeLessThan(1.5);
		expect(contrast('#3A1512', NODE_BACKGROUND.dark)).toBeLessThan(1.5);
	});
});
