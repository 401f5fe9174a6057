import { ERROR_HTTP_STATUS, ErrorCode } from '@hrlink/shared';
import { CONNECTOR_ERROR_CODES, ConnectorErrorKind } from '.';

describe('CONNECTOR_ERROR_CODES', () => {
  it('maps every connector failure to an API code; none of them is a 500', () => {
    for (const kind of Object.values(ConnectorErrorKind)) {
      const code = CONNECTOR_ERROR_CODES[kind];
      expect(Object.values(ErrorCode)).toContain(code);
      expect(ERROR_HTTP_STATUS[code]).not.toBe(500);
    }
  });
  it('a bad auth code is a 401 for the user; platform trouble is a 502', () => {
    expect(ERROR_HTTP_STATUS[CONNECTOR_ERROR_CODES.invalid_code]).toBe(401);
    expect(ERROR_HTTP_STATUS[CONNECTOR_ERROR_CODES.unreachable]).toBe(502);
    expect(ERROR_HTTP_STATUS[CONNECTOR_ERROR_CODES.bad_response]).toBe(502);
  });
});
