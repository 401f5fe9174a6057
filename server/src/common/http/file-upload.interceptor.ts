import {
  BadRequestException, CallHandler, ExecutionContext, HttpException, Injectable, mixin, NestInterceptor, PayloadTooLargeException, Type,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { TypedConfig } from '../../config/typed-config';

/** Busboy limits of one upload route. */
export interface UploadLimits {
  fileSize: number;
  files?: number;
  fields?: number;
  parts?: number;
}

/** The uploaded file as route handlers see it (`@UploadedFile()`), in memory — the shape multer's memory storage gave. */
export interface UploadedFileInMemory {
  fieldname: string;
  originalname: string;
  encoding: string;
  mimetype: string;
  buffer: Buffer;
  size: number;
}

type UploadRequest = FastifyRequest;
/** `@UploadedFile()` reads `req.file` (Nest's route params factory). */
const setFile = (req: UploadRequest, file: UploadedFileInMemory | undefined) => {
  (req as unknown as { file?: unknown }).file = file;
};

const LIMIT_MESSAGES: Record<string, string> = {
  FST_FILES_LIMIT: 'Too many files',
  FST_FIELDS_LIMIT: 'Too many fields',
  FST_PARTS_LIMIT: 'Too many parts',
  FST_PROTO_VIOLATION: 'Field name not allowed',
};

/** @fastify/multipart / busboy errors as multer's were mapped by Nest: file too large → 413, anything else about the form → 400. */
function toHttpError(err: unknown): unknown {
  if (err instanceof HttpException) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return new PayloadTooLargeException('File too large');
  if (e?.code && LIMIT_MESSAGES[e.code]) return new BadRequestException(LIMIT_MESSAGES[e.code]);
  // Malformed multipart (busboy: boundary missing, unexpected end of form, part terminated early…), closed early.
  if (e?.code === 'FST_MP_PREMATURE_CLOSE' || (err instanceof Error && !(typeof e.statusCode === 'number' && e.statusCode >= 500))) {
    return new BadRequestException(e?.message || 'Malformed multipart body');
  }
  return err;
}

/**
 * Reads one multipart file field (`field`) into memory before the handler runs and puts it on `req.file` for
 * `@UploadedFile()`; other text fields go to `req.body`. A request that is not multipart leaves `req.file` undefined
 * (the handler decides). Errors: over `fileSize` → PayloadTooLargeException ("File too large"); a file under another
 * field name or a second file ("Unexpected file field - <name>", multer's words), too many files / fields / parts, a malformed body → BadRequestException.
 */
export function FileUploadInterceptor(field: string, limitsOf: (cfg: TypedConfig) => UploadLimits): Type<NestInterceptor> {
  @Injectable()
  class FileUpload implements NestInterceptor {
    constructor(private readonly cfg: TypedConfig) {}

    async intercept(ctx: ExecutionContext, next: CallHandler) {
      const req = ctx.switchToHttp().getRequest<UploadRequest>();
      // `file` is also @fastify/multipart's request method: the handler must see the file or undefined.
      setFile(req, undefined);
      if (!req.isMultipart()) return next.handle();
      const limits = limitsOf(this.cfg);
      const fields: Record<string, string> = {};
      let file: UploadedFileInMemory | undefined;
      try {
        for await (const part of req.parts({ limits }) as AsyncIterableIterator<Multipart>) {
          if (part.type === 'file') {
            if (part.fieldname !== field || file) {
              part.file.resume();
              throw new BadRequestException(`Unexpected file field - ${part.fieldname}`);
            }
            const buffer = await part.toBuffer();
            file = { fieldname: part.fieldname, originalname: part.filename, encoding: part.encoding, mimetype: part.mimetype, buffer, size: buffer.length };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (err) {
        throw toHttpError(err);
      }
      setFile(req, file);
      req.body = fields;
      return next.handle();
    }
  }
  return mixin(FileUpload);
}
