import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, downloadFile, filenameFromDisposition, setApiOrigin } from './client';
import { exportApprovalInstances } from './approvals';
import { startSession } from './session';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The first bytes of every .xlsx (a zip): "PK\x03\x04".
const XLSX_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);

describe('filenameFromDisposition', () => {
  it('prefers the RFC 5987 UTF-8 name', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="approvals.xlsx"; filename*=UTF-8''%E5%AE%A1%E6%89%B9%E8%AE%B0%E5%BD%95-20261121.xlsx`,
        'x.xlsx',
      ),
    ).toBe('审批记录-20261121.xlsx');
  });
  it('falls back to the plain name, then to the given name', () => {
    expect(filenameFromDisposition('attachment; filename="approvals 11.xlsx"', 'x.xlsx')).toBe('approvals 11.xlsx');
    expect(filenameFromDisposition('attachment; filename=plain.xlsx', 'x.xlsx')).toBe('plain.xlsx');
    expect(filenameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, 'x.xlsx')).toBe('x.xlsx');
  });
});

describe('downloadFile against a real HTTP server', () => {
  let server: http.Server;
  let url = '';
  const seen: string[] = [];
  const expired = new Set<string>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const auth = (req.headers.authorization ?? '').replace('Bearer ', '');
      seen.push(`${req.method} ${req.url} ${auth}`);
      if (req.url === '/api/auth/refresh') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 }));
      }
      if (expired.has(auth)) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' }));
      }
      if (req.url?.startsWith('/api/admin/approval-instances/export')) {
        if (req.url.includes('status=bogus')) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ code: 'VALIDATION_FAILED', message: '请求参数不正确', details: { fields: { status: ['无效'] } } }));
        }
        res.writeHead(200, {
          'content-type': XLSX_TYPE,
          'content-disposition': `attachment; filename*=UTF-8''%E5%AE%A1%E6%89%B9.xlsx`,
        });
        return res.end(XLSX_BYTES);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    setApiOrigin(url);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
    expired.clear();
    startSession(
      { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 },
      { id: 'u1', username: 'hr', displayName: '人力资源', role: 'hr', tenantId: 't1', tenantName: '示例', employeeId: null },
    );
  });

  it('exports with the filters (no paging), the bearer token, and the server file name', async () => {
    const file = await exportApprovalInstances(
      { businessType: 'general', status: 'approved', applicantId: 'e7', from: '2026-11-01', to: '2026-11-21', page: 3, pageSize: 50 },
      'fallback.xlsx',
    );
    expect(seen).toEqual([
      'GET /api/admin/approval-instances/export?businessType=general&status=approved&applicantId=e7&from=2026-11-01&to=2026-11-21 a1',
    ]);
    expect(file.filename).toBe('审批.xlsx');
    expect(file.blob.type).toBe(XLSX_TYPE);
    expect(Buffer.from(await file.blob.arrayBuffer())).toEqual(XLSX_BYTES);
  });

  it('refreshes an expired token and retries the download', async () => {
    expired.add('a1');
    const file = await downloadFile('/admin/approval-instances/export', {}, 'x.xlsx');
    expect(file.blob.size).toBe(XLSX_BYTES.length);
    expect(seen).toEqual([
      'GET /api/admin/approval-instances/export a1',
      'POST /api/auth/refresh ',
      'GET /api/admin/approval-instances/export a2',
    ]);
  });

  it('rejects with the server error body', async () => {
    const err = await downloadFile('/admin/approval-instances/export', { status: 'bogus' }, 'x.xlsx').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual({ fields: { status: ['无效'] } });
  });

  it('rejects a JSON answer where a file was expected', async () => {
    const err = await downloadFile('/admin/other', {}, 'x.xlsx').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('服务器没有返回文件');
  });
});
