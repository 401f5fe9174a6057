import { ERROR_HTTP_STATUS, ERROR_MESSAGES, ErrorCode } from '@hrlink/shared';

/** A business error: the code decides the HTTP status (ERROR_HTTP_STATUS), the message is zh-CN. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
  static notFound(what?: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, what ? `${what}不存在` : undefined);
  }
}
