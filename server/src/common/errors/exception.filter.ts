import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { ApiErrorBody, ERROR_MESSAGES, ErrorCode } from '@hrlink/shared';
import { AppError } from './app-error';
import { fromConnectorError, isConnectorError } from './connector-errors';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.RATE_LIMITED,
};

export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const d = (err as QueryFailedError & { driverError?: { code?: string; errno?: number } }).driverError;
  return d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || d?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || d?.code === 'ER_DUP_ENTRY' || d?.errno === 1062;
}

/** The one place errors become `{code, message, details?}`. */
export function toErrorResponse(err: unknown): { status: number; body: ApiErrorBody; unexpected: boolean } {
  if (err instanceof AppError) {
    return { status: err.status, body: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }, unexpected: false };
  }
  if (isConnectorError(err)) return toErrorResponse(fromConnectorError(err));
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = STATUS_TO_CODE[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED);
    const res = err.getResponse();
    const raw = typeof res === 'object' && res && 'message' in res ? (res as { message: unknown }).message : undefined;
    const details = raw !== undefined && typeof raw !== 'string' ? { reason: raw } : typeof raw === 'string' ? { reason: raw } : undefined;
    return { status, body: { code, message: ERROR_MESSAGES[code], ...(details ? { details } : {}) }, unexpected: status >= 500 };
  }
  if (isUniqueViolation(err)) {
    return { status: 409, body: { code: ErrorCode.CONFLICT, message: ERROR_MESSAGES.CONFLICT }, unexpected: false };
  }
  // Our body parsers' errors (malformed JSON or form) carry `type` (as body-parser errors did).
  const e = err as { type?: string; status?: number; code?: unknown; statusCode?: unknown };
  if (e && e.type === 'entity.parse.failed') {
    return { status: 400, body: { code: ErrorCode.VALIDATION_FAILED, message: '请求体不是合法的 JSON' }, unexpected: false };
  }
  if (e && e.type === 'entity.too.large') {
    return { status: 413, body: { code: ErrorCode.PAYLOAD_TOO_LARGE, message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE }, unexpected: false };
  }
  // Fastify's own request errors (FST_ERR_CTP_BODY_TOO_LARGE 413, bad content length or media type…): client input.
  if (e && typeof e.code === 'string' && e.code.startsWith('FST_') && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = STATUS_TO_CODE[e.statusCode] ?? ErrorCode.VALIDATION_FAILED;
    return { status: e.statusCode, body: { code, message: ERROR_MESSAGES[code] }, unexpected: false };
  }
  return { status: 500, body: { code: ErrorCode.INTERNAL, message: ERROR_MESSAGES.INTERNAL }, unexpected: true };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<{ sent?: boolean; raw?: { headersSent: boolean }; headersSent?: boolean }>();
    const req = ctx.getRequest<{ id?: string; url?: string; raw?: { id?: string } }>();
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      // The pino-http request id lives on the Node request (Fastify's own `req.id` is its counter).
      this.logger.error({ err: exception, reqId: req?.raw?.id ?? req?.id, path: req?.url }, 'unhandled error');
    }
    if (res.sent || res.raw?.headersSent || res.headersSent) return;
    this.adapterHost.httpAdapter.reply(res, body, status);
  }
}
