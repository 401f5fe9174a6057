import { shouldRefresh } from './refresh-policy';

const base = { status: 401, code: 'TOKEN_EXPIRED', alreadyRetried: false, hasRefreshToken: true, isAuthCall: false };

describe('shouldRefresh', () => {
  it('refreshes a first 401 TOKEN_EXPIRED when a refresh token is stored', () => {
    expect(shouldRefresh(base)).toBe(true);
  });

  it('does not refresh twice for the same call', () => {
    expect(shouldRefresh({ ...base, alreadyRetried: true })).toBe(false);
  });

  it('does not refresh other 401 codes, other statuses, or without a refresh token', () => {
    expect(shouldRefresh({ ...base, code: 'UNAUTHENTICATED' })).toBe(false);
    expect(shouldRefresh({ ...base, code: 'AUTH_REFRESH_INVALID' })).toBe(false);
    expect(shouldRefresh({ ...base, status: 403 })).toBe(false);
    expect(shouldRefresh({ ...base, hasRefreshToken: false })).toBe(false);
  });

  it('never refreshes for the auth endpoints themselves', () => {
    expect(shouldRefresh({ ...base, isAuthCall: true })).toBe(false);
  });
});
