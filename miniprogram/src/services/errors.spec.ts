import { ClientError, errorFromResponse, isSessionLost, networkError, toUiError } from './errors';

describe('errorFromResponse', () => {
  it('keeps the server code and message', () => {
    const e = errorFromResponse(403, {
      code: 'EMPLOYEE_NOT_SYNCED',
      message: '尚未同步到你的员工信息，请联系 HR 同步组织架构',
      details: { platform: 'dingtalk' },
    });
    expect(e).toBeInstanceOf(ClientError);
    expect(e.code).toBe('EMPLOYEE_NOT_SYNCED');
    expect(e.message).toBe('尚未同步到你的员工信息，请联系 HR 同步组织架构');
    expect(e.status).toBe(403);
    expect(e.details).toEqual({ platform: 'dingtalk' });
  });

  it('fills in the default zh-CN message when the server sent none', () => {
    expect(errorFromResponse(401, { code: 'AUTH_CODE_INVALID', message: '' }).message).toBe(
      '免登授权码无效、已过期或已被使用，请重新打开应用',
    );
  });

  it('maps by status when the body is not our error shape', () => {
    expect(errorFromResponse(502, '<html>Bad Gateway</html>').code).toBe('INTERNAL');
    expect(errorFromResponse(502, '<html>Bad Gateway</html>').message).toContain('HTTP 502');
    expect(errorFromResponse(401, null).code).toBe('UNAUTHENTICATED');
    expect(errorFromResponse(404, {}).code).toBe('NOT_FOUND');
    expect(errorFromResponse(429, undefined).code).toBe('RATE_LIMITED');
    expect(errorFromResponse(418, { code: 'I_AM_A_TEAPOT', message: 'x' }).code).toBe('BAD_RESPONSE');
  });
});

describe('toUiError', () => {
  it('passes ClientError through', () => {
    expect(toUiError(networkError({ errMsg: 'request:fail timeout' }))).toEqual({
      code: 'NETWORK_ERROR',
      message: '网络异常，无法连接服务器：request:fail timeout',
      status: undefined,
      details: undefined,
    });
  });

  it('wraps anything else as INTERNAL with its message', () => {
    expect(toUiError(new TypeError('boom'))).toEqual({ code: 'INTERNAL', message: '出错了：boom' });
  });
});

describe('isSessionLost', () => {
  it('is true only for errors that need a new log-in', () => {
    expect(isSessionLost({ code: 'AUTH_REFRESH_INVALID', message: '' })).toBe(true);
    expect(isSessionLost({ code: 'UNAUTHENTICATED', message: '' })).toBe(true);
    expect(isSessionLost({ code: 'EMPLOYEE_LEFT', message: '' })).toBe(true);
    expect(isSessionLost({ code: 'PLATFORM_UNREACHABLE', message: '' })).toBe(false);
    expect(isSessionLost({ code: 'NETWORK_ERROR', message: '' })).toBe(false);
  });
});
