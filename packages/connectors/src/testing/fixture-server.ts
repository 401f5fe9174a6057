import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is (for garbage answers). */
  body: unknown;
}

export type Handler = (req: SeenRequest) => Reply | unknown | Promise<unknown>;

/**
 * A tiny local HTTP server for doc-fixture tests: routes `"METHOD /path"` to handlers that answer
 * with the platforms' documented JSON examples. Records every request it saw.
 */
export async function startFixtureServer(routes: Record<string, Handler>): Promise<{
  url: string;
  seen: SeenRequest[];
  count: (route: string) => number;
  close: () => Promise<void>;
}> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      const seenReq: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: raw ? safeJson(raw) : undefined,
      };
      seen.push(seenReq);
      const handler = routes[`${seenReq.method} ${seenReq.path}`];
      if (!handler) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
        return;
      }
      void Promise.resolve(handler(seenReq)).then((out) => {
        const reply: Reply = isReply(out) ? out : { body: out };
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res
          .writeHead(reply.status ?? 200, {
            'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
            ...reply.headers,
          })
          .end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    count: (route) => seen.filter((r) => `${r.method} ${r.path}` === route).length,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy(); // requests left hanging on purpose (timeouts)
        server.close(() => resolve());
      }),
  };
}

function isReply(v: unknown): v is Reply {
  return typeof v === 'object' && v !== null && 'body' in v && Object.keys(v).every((k) => ['status', 'headers', 'body'].includes(k));
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Base URLs with every platform pointing at one local server. */
export function allAt(url: string) {
  return { dingtalkOapi: url, dingtalkApi: url, wecom: url, feishu: url };
}
