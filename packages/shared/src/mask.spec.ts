import { maskMobile, maskSecret } from './mask';
import { ERROR_HTTP_STATUS, ERROR_MESSAGES, ErrorCode } from './errors';

describe('maskMobile', () => {
  it('keeps the first three and last four digits of a mainland mobile', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
  it('handles short and empty values', () => {
    expect(maskMobile('12345')).toBe('***45');
    expect(maskMobile('')).toBeNull();
    expect(maskMobile(null)).toBeNull();
  });
});

describe('maskSecret', () => {
  it('shows only the last four characters', () => {
    expect(maskSecret('abcdefgh1234')).toBe('********1234');
    expect(maskSecret(undefined)).toBeNull();
  });
});

describe('error codes', () => {
  it('every code has an HTTP status and a message', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_MESSAGES[code].length).toBeGreaterThan(0);
    }
  });
  it('client-caused codes never map to 500', () => {
    const serverSide = Object.values(ErrorCode).filter((c) => ERROR_HTTP_STATUS[c] >= 500 && ERROR_HTTP_STATUS[c] < 502);
    expect(serverSide).toEqual([ErrorCode.INTERNAL]);
  });
});
