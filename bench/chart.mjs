#!/usr/bin/env node
/**
 * The README's scale chart, generated from bench/results.json (never drawn by hand):
 * `renderCurves(report)` returns an SVG with ĀLO Return All time and peak RSS against users,
 * and OS1 Get Email time against input items, log-log, one line per side.
 * `node bench/chart.mjs` rewrites bench/curves.svg from the current results.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SIDES = [
	{ key: 'ours', label: 'our node', color: '#d9480f', width: 2.5 },
	{ key: 'http', label: 'HTTP Request node', color: '#1c7ed6', width: 2 },
	{ key: 'platform', label: 'platform floor', color: '#2b8a3e', width: 1.5, dash: '6 3' },
	{
		key: 'physical',
		label: 'physical floor (plain Node)',
		color: '#495057',
		width: 1.5,
		dash: '2 3',
	},
];
const PANEL = { width: 300, height: 230, left: 64, right: 14, top: 34, bottom: 44 };

const escape = (text) =>
	String(text).replace(
		/[&<>"]/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
	);
const short = (n) =>
	n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : n >= 1 ? String(n) : String(n);

/** Decades covering [min, max], with 1-2-5 ticks when the range is narrow. */
function logTicks(min, max) {
	const ticks = [];
	for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
		for (const m of Math.log10(max / min) < 2.5 ? [1, 2, 5] : [1]) {
			const v = m * 10 ** e;
			if (v >= min / 1.0001 && v <= max * 1.0001) ticks.push(v);
		}
	}
	return ticks;
}

/** 0 to a round number above `max`, in 4 or 5 steps of 1, 2, 2.5 or 5 × 10ⁿ. */
function linearTicks(max) {
	const raw = max / 4;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= raw);
	const ticks = [];
	for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(v);
	return ticks;
}

/**
 * One chart: x log scale (sizes), y log scale (times) or linear from 0 (memory); `guides`
 * are horizontal reference lines such as a target.
 */
function panel({ x0, title, xLabel, yLabel, series, yFormat, yScale = 'log', guides = [] }) {
	const { width, height, left, right, top, bottom } = PANEL;
	const points = series.flatMap((s) => s.points);
	if (points.length === 0) return '';
	const xs = points.map((p) => p.x);
	const ys = [...points.map((p) => p.y), ...guides.map((g) => g.y)];
	const xMin = Math.min(...xs);
	const xMax = Math.max(...xs);
	const yTicks =
		yScale === 'log'
			? logTicks(
					10 ** Math.floor(Math.log10(Math.min(...ys))),
					10 ** Math.ceil(Math.log10(Math.max(...ys))),
				)
			: linearTicks(Math.max(...ys));
	const yMin = yTicks[0];
	const yMax = yTicks.at(-1);
	const plotWidth = width - left - right;
	const plotHeight = height - top - bottom;
	const sx = (x) =>
		x0 +
		left +
		((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * plotWidth;
	const sy = (y) =>
		top +
		(1 -
			(yScale === 'log'
				? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin) || 1)
				: (y - yMin) / (yMax - yMin || 1))) *
			plotHeight;
	const out = [
		`<text x="${x0 + left}" y="18" font-weight="bold">${escape(title)}</text>`,
		`<rect x="${x0 + left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#ced4da"/>`,
	];
	for (const y of yTicks) {
		out.push(
			`<line x1="${x0 + left}" x2="${x0 + width - right}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}" stroke="#f1f3f5"/>`,
			`<text x="${x0 + left - 5}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end">${escape(yFormat(y))}</text>`,
		);
	}
	for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
		out.push(
			`<line x1="${sx(x).toFixed(1)}" x2="${sx(x).toFixed(1)}" y1="${top}" y2="${height - bottom}" stroke="#f1f3f5"/>`,
			`<text x="${sx(x).toFixed(1)}" y="${height - bottom + 15}" text-anchor="middle">${short(x)}</text>`,
		);
	}
	for (const guide of guides) {
		out.push(
			`<line x1="${x0 + left}" x2="${x0 + width - right}" y1="${sy(guide.y).toFixed(1)}" y2="${sy(guide.y).toFixed(1)}" stroke="#c92a2a" stroke-dasharray="4 3"/>`,
			`<text x="${x0 + width - right - 4}" y="${(sy(guide.y) - 4).toFixed(1)}" text-anchor="end" fill="#c92a2a">${escape(guide.label)}</text>`,
		);
	}
	out.push(
		`<text x="${x0 + (left + width - right) / 2}" y="${height - 8}" text-anchor="middle">${escape(xLabel)}</text>`,
		`<text transform="translate(${x0 + 11} ${(top + height - bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
	);
	for (const s of series) {
		if (s.points.length === 0) continue;
		const path = s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
		out.push(
			`<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
		);
		for (const p of s.points)
			out.push(
				`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.5" fill="${s.color}"><title>${escape(`${s.label}: ${p.title}`)}</title></circle>`,
			);
	}
	return out.join('\n');
}

const seconds = (ms) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
/** Decimal megabytes, as the bench's tables print them. */
const megabytes = (bytes) => `${Math.round(bytes / 1e6)} MB`;

export function renderCurves(report) {
	const { alo = [], os1 = [] } = report.curves ?? {};
	const series = (points, metric, sides, describe) =>
		SIDES.filter((side) => sides.includes(side.key)).map((side) => ({
			...side,
			points: points
				.filter((p) => p[side.key]?.[metric]?.median > 0)
				.map((p) => ({ x: p.size, y: p[side.key][metric].median, title: describe(p, side.key) })),
		}));
	const time = (unit) => (p, side) =>
		`${p.count} ${unit}: ${p[side].wallMs.median} ms, ${p[side].requests.median} requests`;
	const panels = [
		panel({
			x0: 0,
			title: 'ĀLO Return All: time',
			xLabel: 'users',
			yLabel: 'workflow wall time',
			series: series(alo, 'wallMs', ['ours', 'http', 'platform', 'physical'], time('users')),
			yFormat: seconds,
		}),
		panel({
			x0: PANEL.width,
			title: 'ĀLO Return All: peak RSS of n8n',
			xLabel: 'users',
			yLabel: 'peak RSS',
			series: series(
				alo,
				'peakRssBytes',
				['ours', 'http', 'platform'],
				(p, side) => `${p.count} users: ${megabytes(p[side].peakRssBytes.median)}`,
			),
			yFormat: megabytes,
			yScale: 'linear',
			guides: [{ y: 1.5e9, label: 'target for 100k: 1.5 GB' }],
		}),
		panel({
			x0: 2 * PANEL.width,
			title: 'OS1 Get Email: time',
			xLabel: 'input items',
			yLabel: 'workflow wall time',
			series: series(os1, 'wallMs', ['ours', 'http', 'platform', 'physical'], time('items')),
			yFormat: seconds,
		}),
	];
	const width = 3 * PANEL.width;
	const legendY = PANEL.height + 8;
	const legend = SIDES.map(
		(s, i) =>
			`<line x1="${PANEL.left + i * 215}" x2="${PANEL.left + i * 215 + 24}" y1="${legendY}" y2="${legendY}" stroke="${s.color}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${PANEL.left + i * 215 + 30}" y="${legendY + 4}">${escape(s.label)}</text>`,
	).join('\n');
	const caption = `n8n ${report.n8n}, ${report.curves?.latencyMs ?? report.latencyMs} ms latency per request, medians of ${report.curves?.runs} runs, ${report.date.slice(0, 10)}; times on log-log axes, memory on a linear axis`;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${legendY + 30}" viewBox="0 0 ${width} ${legendY + 30}" font-family="sans-serif" font-size="11" fill="#212529">
<rect width="100%" height="100%" fill="#ffffff"/>
${panels.join('\n')}
${legend}
<text x="${PANEL.left}" y="${legendY + 24}" fill="#868e96">${escape(caption)}</text>
</svg>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const results = new URL('./results.json', import.meta.url);
	const report = JSON.parse(readFileSync(results, 'utf8'));
	writeFileSync(new URL('./curves.svg', import.meta.url), renderCurves(report));
	console.log('bench/curves.svg written from bench/results.json');
}
