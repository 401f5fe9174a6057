import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, setApiOrigin } from './client';
import { createSite, exportReport, fetchDaily, fetchGroups, fetchReport, fetchSites, updateGroup } from './attendance';
import { startSession } from './session';
import { NEW_GROUP, groupRequest, siteRequest } from '../utils/attendance';

const XLSX_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);

describe('attendance API client against a real HTTP server', () => {
  let server: http.Server;
  const seen: { line: string; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ line: `${req.method} ${req.url}`, body });
        const json = (status: number, b: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(b));
        };
        const url = req.url ?? '';
        if (url === '/api/admin/attendance/groups') return json(200, { items: [{ id: 'g1', name: '总部' }] });
        if (url === '/api/admin/attendance/groups/g%2F1' && req.method === 'PUT') {
          const parsed = JSON.parse(body);
          if (parsed.kind === 'free' && parsed.shift !== null) return json(400, { code: 'VALIDATION_FAILED', message: '参数不正确' });
          return json(200, { id: 'g/1', ...parsed });
        }
        if (url === '/api/admin/attendance/groups/g1/sites' && req.method === 'GET') return json(200, [{ id: 's1', name: '总部大楼' }]);
        if (url === '/api/admin/attendance/groups/g1/sites' && req.method === 'POST') return json(201, { id: 's2', ...JSON.parse(body) });
        if (url.startsWith('/api/admin/attendance/daily')) return json(200, { items: [], total: 0, page: 2, pageSize: 50 });
        if (url === '/api/admin/attendance/report?month=2026-13') {
          return json(400, { code: 'VALIDATION_FAILED', message: '月份格式应为 YYYY-MM', details: { fields: { month: ['月份格式应为 YYYY-MM'] } } });
        }
        if (url === '/api/admin/attendance/report?month=2026-11') return json(200, [{ month: '2026-11' }]);
        if (url === '/api/admin/attendance/report/export?month=2026-11') {
          res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
          return res.end(XLSX_BYTES);
        }
        json(404, { code: 'NOT_FOUND', message: '不存在' });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    setApiOrigin(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
    startSession(
      { accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 },
      { id: 'u1', username: 'hr', displayName: '人力资源', role: 'hr', tenantId: 't1', tenantName: '示例', employeeId: null },
    );
  });

  it('reads groups from {items} and sites from an array', async () => {
    expect((await fetchGroups()).map((g) => g.id)).toEqual(['g1']);
    expect((await fetchSites('g1')).map((s) => s.name)).toEqual(['总部大楼']);
  });

  it('PUTs a free-hours group with shift null to the encoded id', async () => {
    const body = groupRequest({ ...NEW_GROUP, name: '销售', kind: 'free', minHours: 6, employees: [{ id: 'e1', name: '张三' }] });
    const saved = await updateGroup('g/1', body);
    expect(saved.id).toBe('g/1');
    expect(seen[0].line).toBe('PUT /api/admin/attendance/groups/g%2F1');
    expect(JSON.parse(seen[0].body)).toMatchObject({ kind: 'free', shift: null, free: { minHours: 6 }, employeeIds: ['e1'], departmentIds: [] });
  });

  it('POSTs a site with normalised BSSIDs', async () => {
    const body = siteRequest({ name: '分部', address: '', latitude: 39.9, longitude: 116.4, radiusMeters: 500, wifi: [{ ssid: 'HQ', bssid: 'AA-BB-CC-00-11-22' }] });
    await createSite('g1', body);
    expect(JSON.parse(seen[0].body).wifi).toEqual([{ ssid: 'HQ', bssid: 'aa:bb:cc:00:11:22' }]);
  });

  it('daily query carries the filters and paging; empty filters are left out', async () => {
    await fetchDaily({ from: '2026-11-01', to: '2026-11-21', departmentId: undefined, employeeId: 'e1', status: 'late', page: 2, pageSize: 50 });
    expect(seen[0].line).toBe('GET /api/admin/attendance/daily?from=2026-11-01&to=2026-11-21&employeeId=e1&status=late&page=2&pageSize=50');
  });

  it('report by month, its validation error, and the export with the fallback file name', async () => {
    expect(await fetchReport('2026-11')).toEqual([{ month: '2026-11' }]);
    const err = await fetchReport('2026-13').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('VALIDATION_FAILED');
    const file = await exportReport('2026-11');
    expect(file.filename).toBe('考勤月报-2026-11.xlsx');
    expect(file.blob.size).toBe(XLSX_BYTES.length);
  });
});
