import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../types';
import type { CallbackConnector, CallbackRequest, CallbackResult } from '../messaging-types';

export interface Received {
  request: CallbackRequest;
  result?: CallbackResult;
  error?: ConnectorError;
}

/**
 * A tiny HTTP endpoint that runs a connector's handleCallback on every request, the way the server's
 * callback route will: raw body in, the connector's response out, refusals answered 401. It records
 * every request and what the handler made of it. `onEvent` may replace the response for events
 * (e.g. a Feishu toast after a card action).
 */
export async function startCallbackReceiver(
  connector: CallbackConnector,
  onEvent?: (result: Extract<CallbackResult, { kind: 'event' }>) => CallbackResult['response'] | undefined,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const request: CallbackRequest = {
        method: req.method === 'GET' ? 'GET' : 'POST',
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
        rawBody: Buffer.concat(chunks),
      };
      try {
        const result = connector.handleCallback(request);
        received.push({ request, result });
        const response = (result.kind === 'event' && onEvent?.(result)) || result.response;
        res.writeHead(response.status, { 'content-type': response.contentType }).end(response.body);
      } catch (err) {
        if (!(err instanceof ConnectorError)) throw err;
        received.push({ request, error: err });
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'CALLBACK_REJECTED', message: err.message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
