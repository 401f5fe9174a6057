import type { IncomingMessage } from 'node:http';
import { ERROR_HTTP_STATUS, ERROR_MESSAGES, ErrorCode } from '@hrlink/shared';

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
export function rawBodyMiddleware(
  req: RawRequest,
  res: { statusCode: number; headersSent?: boolean; setHeader(k: string, v: string): void; end(s?: string): void },
  next: (err?: unknown) => void,
): void {
  if (req.rawBody || req._body || req.method === 'GET' || req.method === 'HEAD') return next();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > LIMIT) return tooLarge(req, res);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (c: Buffer) => {
    if (refused) return;
    size += c.length;
    if (size > LIMIT) {
      refused = true;
      chunks.length = 0;
      tooLarge(req, res);
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    if (refused) return;
    req.rawBody = Buffer.concat(chunks);
    next();
  });
  req.on('error', (err) => {
    if (!refused) next(err);
  });
}

/** 413 in our error shape; the rest of the body is read and discarded so the client gets the answer. */
function tooLarge(req: RawRequest, res: { statusCode: number; headersSent?: boolean; setHeader(k: string, v: string): void; end(s?: string): void }): void {
  req.resume();
  if (res.headersSent) return;
  res.statusCode = ERROR_HTTP_STATUS[ErrorCode.PAYLOAD_TOO_LARGE];
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('connection', 'close');
  res.end(JSON.stringify({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: ERROR_MESSAGES[ErrorCode.PAYLOAD_TOO_LARGE], details: { limitBytes: LIMIT } }));
}
