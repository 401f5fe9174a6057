import type { IncomingMessage, ServerResponse } from 'node:http';

/** A parsed request as the handlers see it. */
export interface Req {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Parsed JSON or form body ({} when empty); undefined when the body was not parseable. */
  body: any;
  rawBody: string;
  params: Record<string, string>;
  raw: IncomingMessage;
}

/** A thin response helper over node's ServerResponse. */
export class Res {
  private statusCode = 200;
  private headers: Record<string, string> = {};

  constructor(readonly raw: ServerResponse) {}

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: string | number): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  json(body: unknown): void {
    this.send(JSON.stringify(body), 'application/json; charset=utf-8');
  }

  html(body: string): void {
    this.send(body, 'text/html; charset=utf-8');
  }

  send(body: string | Buffer, contentType: string): void {
    if (this.raw.headersSent) return;
    this.raw.writeHead(this.statusCode, { ...this.headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    this.raw.end(body);
  }

  /** Kills the connection without an answer (fault mode 'down'). */
  destroy(): void {
    this.raw.socket?.destroy();
  }
}

export type Handler = (req: Req, res: Res) => void | Promise<void>;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

/** Minimal router: exact method, `:param` segments. */
export class Router {
  private routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}/?$`), names, handler });
  }

  get(pattern: string, handler: Handler): void {
    this.add('GET', pattern, handler);
  }
  post(pattern: string, handler: Handler): void {
    this.add('POST', pattern, handler);
  }
  put(pattern: string, handler: Handler): void {
    this.add('PUT', pattern, handler);
  }
  patch(pattern: string, handler: Handler): void {
    this.add('PATCH', pattern, handler);
  }
  delete(pattern: string, handler: Handler): void {
    this.add('DELETE', pattern, handler);
  }

  /** Finds the route for a request; `pathMatched` tells a 405 from a 404. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | { pathMatched: boolean } {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { handler: r.handler, params };
    }
    return { pathMatched };
  }
}

const MAX_BODY = 1024 * 1024;

export async function readRequest(raw: IncomingMessage): Promise<Req> {
  const url = new URL(raw.url ?? '/', 'http://sandbox.local');
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    if (!(k in query)) query[k] = v;
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) break;
    chunks.push(chunk as Buffer);
  }
  const rawBody = Buffer.concat(chunks).toString('utf8');
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query,
    headers: raw.headers,
    body: parseBody(rawBody, String(raw.headers['content-type'] ?? '')),
    rawBody,
    params: {},
    raw,
  };
}

function parseBody(rawBody: string, contentType: string): any {
  if (!rawBody.trim()) return {};
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(rawBody));
  }
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}
