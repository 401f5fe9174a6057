import { ErrorCode } from '@hrlink/shared';
import { ConnectorErrorKind } from './types';

/**
 * The API error code (packages/shared errors.ts) a connector failure becomes at the server's edge.
 * A suggestion the server may override per use case (e.g. CorpMismatch at log-in).
 */
export const CONNECTOR_ERROR_CODES: Record<ConnectorErrorKind, ErrorCode> = {
  [ConnectorErrorKind.InvalidCode]: ErrorCode.AUTH_CODE_INVALID,
  [ConnectorErrorKind.CorpMismatch]: ErrorCode.PLATFORM_NOT_BOUND,
  [ConnectorErrorKind.AuthFailed]: ErrorCode.PLATFORM_AUTH_FAILED,
  [ConnectorErrorKind.Unreachable]: ErrorCode.PLATFORM_UNREACHABLE,
  [ConnectorErrorKind.BadResponse]: ErrorCode.PLATFORM_BAD_RESPONSE,
  [ConnectorErrorKind.RateLimited]: ErrorCode.PLATFORM_RATE_LIMITED,
  [ConnectorErrorKind.Platform]: ErrorCode.PLATFORM_ERROR,
  [ConnectorErrorKind.RecipientInvalid]: ErrorCode.PLATFORM_ERROR,
  [ConnectorErrorKind.CallbackRejected]: ErrorCode.CALLBACK_REJECTED,
};
