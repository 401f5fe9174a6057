import type { IncomingMessage } from 'node:http';

export type RawRequest = IncomingMessage & {
  rawBody?: Buffer;
  body?: unknown;
  query: Record<string, unknown>;
  _body?: boolean;
};

const LIMIT = 1024 * 1024;

/**
 * Callback routes only: JSON and form bodies were already parsed with their bytes kept (`rawBody: true` in
 * createApp); anything else (XML, text) is read here as raw bytes into `req.rawBody`.
 */
export function rawBodyMiddleware(req: RawRequest, res: { statusCode: number; end(s?: string): void }, next: (err?: unknown) => void): void {
  if (req.rawBody || req._body || req.method === 'GET' || req.method === 'HEAD') return next();
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > LIMIT) {
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    req.rawBody = Buffer.concat(chunks);
    next();
  });
  req.on('error', next);
}
