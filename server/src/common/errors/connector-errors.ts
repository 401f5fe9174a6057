import { ErrorCode } from '@hrlink/shared';
import { ConnectorError, ConnectorErrorKind } from '@hrlink/connectors';
import { AppError } from './app-error';

const KIND_TO_CODE: Record<ConnectorErrorKind, ErrorCode> = {
  invalid_code: ErrorCode.AUTH_CODE_INVALID,
  auth_failed: ErrorCode.PLATFORM_AUTH_FAILED,
  unreachable: ErrorCode.PLATFORM_UNREACHABLE,
  bad_response: ErrorCode.PLATFORM_BAD_RESPONSE,
  rate_limited: ErrorCode.PLATFORM_RATE_LIMITED,
  corp_mismatch: ErrorCode.PLATFORM_NOT_BOUND,
  platform: ErrorCode.PLATFORM_ERROR,
  recipient_invalid: ErrorCode.PLATFORM_ERROR,
  callback_rejected: ErrorCode.CALLBACK_REJECTED,
};

export function isConnectorError(err: unknown): err is ConnectorError {
  return (
    err instanceof ConnectorError ||
    (err instanceof Error && err.name === 'ConnectorError' && typeof (err as ConnectorError).kind === 'string')
  );
}

/** Maps a connector failure to our error codes (never a 500). */
export function fromConnectorError(err: ConnectorError): AppError {
  const code = KIND_TO_CODE[err.kind] ?? ErrorCode.PLATFORM_ERROR;
  const details: Record<string, unknown> = { platform: err.platform, kind: err.kind };
  if (err.platformCode !== undefined) details.platformCode = err.platformCode;
  if (err.platformMessage) details.platformMessage = err.platformMessage;
  return new AppError(code, undefined, details);
}
