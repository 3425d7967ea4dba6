'use strict';
/**
 * Platform floor (bench only, never shipped): the least n8n machinery that does each bench
 * job inside n8n. The credential is read once per execution with `this.getCredentials`, every
 * request goes through `this.helpers.httpRequest` (n8n's own HTTP stack, axios) with the
 * header set by hand and the cheapest options (no redirect following), OS1 ids are read
 * straight from a field of the input items (no expression), and the output is one plain item
 * per user. The requests, their batching and
 * their concurrency are those of our nodes (see jobs.cjs). What our node costs beyond this
 * is what our node and the machinery it uses add.
 *
 * bench/run.mjs copies this folder into the bench's own n8n user folder, next to our package
 * under N8N_CUSTOM_EXTENSIONS, so n8n loads it as `CUSTOM.benchFloor`.
 */
const jobs = require('./jobs.cjs');

const CREDENTIAL = { alo: 'aloApi', alvys: 'alvysApi', os1: 'os1Api' };

class BenchFloor {
	constructor() {
		this.description = {
			displayName: 'Bench Floor',
			name: 'benchFloor',
			group: ['transform'],
			version: 1,
			description: 'Benchmark floor: the bench jobs with the least n8n machinery',
			defaults: { name: 'Bench Floor' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: Object.entries(CREDENTIAL).map(([job, name]) => ({
				name,
				required: true,
				displayOptions: { show: { job: [job] } },
			})),
			properties: [
				{
					displayName: 'Job',
					name: 'job',
					type: 'options',
					options: [
						{ name: 'ĀLO List All Users', value: 'alo' },
						{ name: 'Alvys List All Users', value: 'alvys' },
						{ name: 'OS1 Get Email', value: 'os1' },
					],
					default: 'alo',
				},
				{
					displayName: 'ID Field',
					name: 'idField',
					type: 'string',
					default: 'id',
					displayOptions: { show: { job: ['os1'] } },
				},
			],
		};
	}

	async execute() {
		const job = this.getNodeParameter('job', 0);
		// Once per execution (our ĀLO node does the same; for a request n8n reads it each time).
		const credentials = await this.getCredentials(CREDENTIAL[job]);
		const send = async (request) => {
			const response = await this.helpers.httpRequest({
				...request,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// The cheapest options: without it axios goes through follow-redirects, which
				// profiling showed costing more than our node pays (it does not follow either).
				disableFollowRedirect: true,
			});
			return { status: response.statusCode, body: response.body };
		};
		if (job === 'os1') {
			const field = this.getNodeParameter('idField', 0);
			const items = this.getInputData();
			const ids = items.map((item) => String(item.json[field]));
			const users = await jobs.os1(send, credentials, ids);
			return [
				users.map((user, index) => {
					if (!user) throw new Error(`OS1 returned nothing for ${ids[index]}`);
					return { json: { ...user }, pairedItem: { item: index } };
				}),
			];
		}
		const users = await jobs[job](send, credentials);
		const output = new Array(users.length);
		for (let i = 0; i < users.length; i++) output[i] = { json: users[i], pairedItem: { item: 0 } };
		return [output];
	}
}

module.exports = { BenchFloor };
