import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConnectorError } from '@hrlink/connectors';
import { ErrorCode } from '@hrlink/shared';
import { AppError } from './app-error';
import { toErrorResponse } from './exception.filter';

describe('toErrorResponse: every error becomes {code, message, details?}', () => {
  it('business errors take their status from the code', () => {
    expect(toErrorResponse(new AppError(ErrorCode.EMPLOYEE_LEFT))).toEqual({
      status: 403, body: { code: 'EMPLOYEE_LEFT', message: '你的账号已离职停用' }, unexpected: false,
    });
    expect(toErrorResponse(new AppError(ErrorCode.SYNC_ALREADY_RUNNING, undefined, { bindingId: 'b1' })).body.details).toEqual({ bindingId: 'b1' });
  });

  it.each([
    ['invalid_code', 401, 'AUTH_CODE_INVALID'],
    ['corp_mismatch', 403, 'PLATFORM_NOT_BOUND'],
    ['unreachable', 502, 'PLATFORM_UNREACHABLE'],
    ['bad_response', 502, 'PLATFORM_BAD_RESPONSE'],
    ['auth_failed', 502, 'PLATFORM_AUTH_FAILED'],
    ['rate_limited', 503, 'PLATFORM_RATE_LIMITED'],
    ['platform', 502, 'PLATFORM_ERROR'],
  ] as const)('connector %s → %i %s', (kind, status, code) => {
    const res = toErrorResponse(new ConnectorError(kind, 'x', 'wecom', 40029, 'invalid code'));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, details: { platform: 'wecom', kind, platformCode: 40029 } });
  });

  it('Nest HTTP exceptions map by status', () => {
    expect(toErrorResponse(new NotFoundException()).body.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new BadRequestException('bad')).body.code).toBe('VALIDATION_FAILED');
    expect(toErrorResponse(new PayloadTooLargeException()).status).toBe(413);
  });

  it('unique violations on SQLite and MySQL become CONFLICT', () => {
    const sqlite = new QueryFailedError('INSERT', [], Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }));
    const mysql = new QueryFailedError('INSERT', [], Object.assign(new Error('Duplicate'), { code: 'ER_DUP_ENTRY', errno: 1062 }));
    expect(toErrorResponse(sqlite)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect(toErrorResponse(mysql)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });

  it('body-parser errors are client errors', () => {
    expect(toErrorResponse(Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed', status: 400 })).status).toBe(400);
    expect(toErrorResponse(Object.assign(new Error('x'), { type: 'entity.too.large', status: 413 })).body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('Fastify request errors (body too large, bad content length / type) are client errors', () => {
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' }, unexpected: false });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 }))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }))).toMatchObject({ status: 415, body: { code: 'VALIDATION_FAILED' } });
    expect(toErrorResponse(Object.assign(new Error('x'), { code: 'FST_SOMETHING', statusCode: 500 })).status).toBe(500);
  });

  it('anything else is INTERNAL 500, flagged for logging, without leaking its message', () => {
    const res = toErrorResponse(new Error('SQLITE_ERROR: no such column password'));
    expect(res).toEqual({ status: 500, body: { code: 'INTERNAL', message: '服务器内部错误' }, unexpected: true });
  });
});
