/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code runs in Node, not in n8n Cloud */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface HostileServer {
	url: string;
	received: Received[];
	close(): Promise<void>;
}

/**
 * A small server on 127.0.0.1 (ephemeral port) playing a hostile or broken API: it records
 * every request and answers with `handler`. The caller closes it.
 */
export async function startHostileServer(
	handler: (req: IncomingMessage, res: ServerResponse, received: Received) => void = (_, res) =>
		res.end('{}'),
): Promise<HostileServer> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const entry = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(entry);
			handler(req, res, entry);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const handle: HostileServer = {
		url: `http://127.0.0.1:${port}`,
		received,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return handle;
}
