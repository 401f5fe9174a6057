import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, setApiOrigin } from './client';
import { commitBalanceImport, exportBalances, fetchCalendar, removeCalendarOverride, runAnnualGrant, uploadBalanceImport } from './leave';
import { startSession } from './session';

const XLSX_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);

interface Seen {
  line: string;
  type: string;
  body: Buffer;
}

describe('leave API client against a real HTTP server', () => {
  let server: http.Server;
  const seen: Seen[] = [];
  const expired = new Set<string>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const auth = (req.headers.authorization ?? '').replace('Bearer ', '');
        seen.push({ line: `${req.method} ${req.url} ${auth}`, type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        const json = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.url === '/api/auth/refresh') return json(200, { accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 });
        if (expired.has(auth)) return json(401, { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
        if (req.url === '/api/admin/leave/balances/import') {
          const text = Buffer.concat(chunks).toString('latin1');
          if (!text.includes('filename="bad.xlsx"')) {
            return json(200, { token: 'tok 1', total: 1, valid: 1, rows: [{ row: 2, values: { 工号: 'E0001' }, errors: [] }] });
          }
          return json(400, { code: 'IMPORT_INVALID', message: '导入文件有错误，请修正后重新上传', details: { rows: [{ row: 3, errors: ['工号不存在'] }] } });
        }
        if (req.url === '/api/admin/leave/balances/import/tok%201/commit') return json(200, { imported: 37 });
        if (req.url === '/api/admin/leave/balances/import/old/commit') return json(410, { code: 'IMPORT_EXPIRED', message: '导入预览已过期，请重新上传' });
        if (req.url?.startsWith('/api/admin/leave/balances/export')) {
          res.writeHead(200, {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename*=UTF-8''%E5%81%87%E6%9C%9F%E4%BD%99%E9%A2%9D.xlsx`,
          });
          return res.end(XLSX_BYTES);
        }
        if (req.url === '/api/admin/leave/annual-grant') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          return json(200, { year: body.year, dryRun: body.dryRun, rows: [], unchanged: 40 });
        }
        if (req.url?.startsWith('/api/admin/leave/calendar/overrides/')) {
          res.writeHead(204);
          return res.end();
        }
        if (req.url === '/api/admin/leave/calendar?year=2027') return json(200, { year: 2027, published: false, days: [] });
        json(404, { code: 'NOT_FOUND', message: '不存在' });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    setApiOrigin(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
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

  it('uploads the file as multipart field "file" with its name, refreshing an expired token once', async () => {
    expired.add('a1');
    const preview = await uploadBalanceImport(new Blob([XLSX_BYTES]), '期初余额.xlsx');
    expect(preview.token).toBe('tok 1');
    expect(seen.map((s) => s.line)).toEqual([
      'POST /api/admin/leave/balances/import a1',
      'POST /api/auth/refresh ',
      'POST /api/admin/leave/balances/import a2',
    ]);
    const last = seen[2];
    expect(last.type).toMatch(/^multipart\/form-data; boundary=/);
    const text = last.body.toString('utf8');
    expect(text).toContain('name="file"');
    expect(text).toContain('filename="期初余额.xlsx"');
    expect(last.body.includes(XLSX_BYTES)).toBe(true);
  });

  it('keeps IMPORT_INVALID row details for the preview', async () => {
    const err = await uploadBalanceImport(new Blob([XLSX_BYTES]), 'bad.xlsx').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details).toEqual({ rows: [{ row: 3, errors: ['工号不存在'] }] });
  });

  it('commits by token (encoded in the path) and reads the imported count', async () => {
    expect(await commitBalanceImport('tok 1')).toBe(37);
    const err = await commitBalanceImport('old').catch((e) => e);
    expect(err.code).toBe('IMPORT_EXPIRED');
  });

  it('exports balances with the filters and no paging', async () => {
    const file = await exportBalances({ q: '王', departmentId: 'd1', leaveTypeId: 't9', page: 2, pageSize: 50 }, 'x.xlsx');
    expect(seen[0].line).toBe('GET /api/admin/leave/balances/export?q=%E7%8E%8B&departmentId=d1&leaveTypeId=t9 a1');
    expect(file.filename).toBe('假期余额.xlsx');
  });

  it('sends the grant year and dryRun as JSON; calendar year and override delete by date', async () => {
    const r = await runAnnualGrant(2027, true);
    expect(r).toEqual({ year: 2027, dryRun: true, rows: [], unchanged: 40 });
    expect(seen[0].type).toBe('application/json');
    expect((await fetchCalendar(2027)).published).toBe(false);
    await removeCalendarOverride('2027-01-04');
    expect(seen.map((s) => s.line)).toEqual([
      'POST /api/admin/leave/annual-grant a1',
      'GET /api/admin/leave/calendar?year=2027 a1',
      'DELETE /api/admin/leave/calendar/overrides/2027-01-04 a1',
    ]);
  });
});
