import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQs } from 'qs';

/** The request body limit of every parser (JSON, forms, raw bodies): 1 MiB. Uploads (multipart) have their own limits. */
export const BODY_LIMIT = 1024 * 1024;

/** A request whose body bytes were kept: callbacks verify signatures over `rawBody`. */
export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/** A malformed body; toErrorResponse maps `type` to 400 VALIDATION_FAILED (the shape body-parser errors had). */
function parseFailed(cause: unknown): Error {
  return Object.assign(new Error('request body is not valid'), { type: 'entity.parse.failed', status: 400, statusCode: 400, cause });
}

/**
 * The body parsers, as under Express (body-parser json + urlencoded `extended`, nothing else parsed):
 * - application/json: strict (an object or array), an empty body is `{}`;
 * - application/x-www-form-urlencoded: `qs` (nested keys);
 * - anything else (text/xml, text/plain, no content type…): not parsed, `body` stays undefined.
 * Every parser keeps the bytes in `req.rawBody` (callback signatures); a body over BODY_LIMIT → 413 (FST_ERR_CTP_BODY_TOO_LARGE).
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  const opts = { parseAs: 'buffer' as const, bodyLimit: BODY_LIMIT };
  fastify.addContentTypeParser('application/json', opts, (req: RawBodyRequest, body: Buffer, done) => {
    req.rawBody = body;
    const text = body.toString('utf8');
    const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
    if (first === undefined) return done(null, {});
    if (first !== '{' && first !== '[') return done(parseFailed(null), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(parseFailed(err), undefined);
    }
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', opts, (req: RawBodyRequest, body: Buffer, done) => {
    req.rawBody = body;
    try {
      done(null, parseQs(body.toString('utf8'), { allowPrototypes: true, arrayLimit: 100, depth: 32, strictDepth: true, parameterLimit: 1000 }));
    } catch (err) {
      done(parseFailed(err), undefined);
    }
  });
  const raw = (req: RawBodyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
    req.rawBody = body;
    done(null, undefined);
  };
  fastify.addContentTypeParser('text/plain', opts, raw);
  fastify.addContentTypeParser('*', opts, raw);
}
