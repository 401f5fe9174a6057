import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
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
  // body-parser errors (malformed JSON, too large) carry `type` and `status`.
  const e = err as { type?: string; status?: number };
  if (e && e.type === 'entity.parse.failed') {
    return { status: 400, body: { code: ErrorCode.VALIDATION_FAILED, message: '请求体不是合法的 JSON' }, unexpected: false };
  }
  if (e && e.type === 'entity.too.large') {
    return { status: 413, body: { code: ErrorCode.PAYLOAD_TOO_LARGE, message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE }, unexpected: false };
  }
  return { status: 500, body: { code: ErrorCode.INTERNAL, message: ERROR_MESSAGES.INTERNAL }, unexpected: true };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<{ headersSent: boolean; status(n: number): { json(b: unknown): void } }>();
    const req = ctx.getRequest<{ id?: string; url?: string }>();
    const { status, body, unexpected } = toErrorResponse(exception);
    if (unexpected) {
      this.logger.error({ err: exception, reqId: req?.id, path: req?.url }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}
