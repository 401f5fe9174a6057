import { ErrorCode } from '@hrlink/shared';

/**
 * Decide whether a failed call should refresh the access token and be sent again.
 * Only a 401 whose code is TOKEN_EXPIRED, only once per call, only with a refresh token,
 * and never for the auth endpoints themselves.
 */
export function shouldRefresh(input: {
  status: number;
  code: string | undefined;
  alreadyRetried: boolean;
  hasRefreshToken: boolean;
  isAuthCall: boolean;
}): boolean {
  return (
    input.status === 401 &&
    input.code === ErrorCode.TOKEN_EXPIRED &&
    !input.alreadyRetried &&
    input.hasRefreshToken &&
    !input.isAuthCall
  );
}
