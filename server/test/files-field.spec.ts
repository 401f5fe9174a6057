import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldCheckinView, Page, UploadedFileView } from '@hrlink/shared';
import { jpegHasApp1, stripJpegExif } from '../src/modules/files/domain/exif-strip';
import { signGrant } from '../src/modules/files/domain/url-token';
import { FilesService } from '../src/modules/files/files.service';
import { FieldService } from '../src/modules/field/field.service';
import { Harness } from './support/harness';
import { tinyJpeg, tinyPng } from './support/images';

// Photos and 外勤签到 over real HTTP on the real database (SQLite in memory, or MySQL/MariaDB with DATABASE_URL):
// magic-byte check, size limit, signed URLs per viewer, EXIF stripped for managers but kept for HR, field check-ins in
// the manager's team list with working photo URLs, idempotent retries.
describe('files and field check-ins', () => {
  const SECRET = 'test-file-url-secret-0123456789';
  const MAX = 200_000;
  let h: Harness;
  let hr: string;
  let uploadDir: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let managerOf: Record<string, string | null> = {};

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'hrlink-uploads-'));
    h = await Harness.start({ FILE_MAX_BYTES: String(MAX), UPLOAD_DIR: uploadDir, FILE_URL_SECRET: SECRET, DISPATCHER_ENABLED: '0' });
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    const rows: { id: string; employeeNo: string; managerId: string | null }[] = await h.ds.query('SELECT id, employeeNo, managerId FROM employees');
    for (const r of rows) ids[r.employeeNo] = r.id;
    managerOf = Object.fromEntries(rows.map((r) => [r.id, r.managerId]));
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  async function upload(token: string, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${h.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) };
  }
  async function get(url: string) {
    const res = await fetch(`${h.url}${url}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, bytes, type: res.headers.get('content-type'), json: () => JSON.parse(bytes.toString()) };
  }
  const chainOf = (id: string) => {
    const out: string[] = [];
    for (let m = managerOf[id]; m && !out.includes(m); m = managerOf[m]) out.push(m);
    return out;
  };
  const fileCount = async () => Number((await h.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n);

  // E0014 (staff) → E0006 (team lead) → E0003 (department head) → E0001 (CEO), as seeded by the sandbox.
  const OWNER = 'E0014';

  it('the demo chain is what the test assumes', () => {
    expect(chainOf(ids[OWNER]).slice(0, 2)).toEqual([ids.E0006, ids.E0003]);
  });

  it('a real JPEG with EXIF → 201, stored with sha256 and the EXIF summary; the owner URL gives the original bytes', async () => {
    const jpeg = tinyJpeg({ exif: true });
    const res = await upload(await as(OWNER), jpeg);
    expect(res.status).toBe(201);
    const f = res.body as UploadedFileView;
    expect(f).toMatchObject({ contentType: 'image/jpeg', size: jpeg.length });
    expect(f.url).toMatch(new RegExp(`^/api/files/${f.id}\\?t=`));
    const [row] = await h.ds.query('SELECT * FROM files WHERE id = ?', [f.id]);
    expect(row.ownerEmployeeId).toBe(ids[OWNER]);
    expect(row.sha256).toBe(require('node:crypto').createHash('sha256').update(jpeg).digest('hex'));
    expect(JSON.parse(row.exif)).toMatchObject({ make: 'HRLINKCAM', dateTimeOriginal: expect.stringContaining('2026-11-20') });
    expect(JSON.parse(row.exif).latitude).toBeCloseTo(31.2333, 3);
    const got = await get(f.url);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(jpeg)).toBe(true);
  });

  it('a text file named .jpg with image/jpeg → 415 FILE_TYPE_NOT_ALLOWED, nothing stored', async () => {
    const before = await fileCount();
    const res = await upload(await as(OWNER), Buffer.from('just some text pretending to be a photo'), 'evil.jpg', 'image/jpeg');
    expect([res.status, res.body.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(await fileCount()).toBe(before);
  });

  it('over FILE_MAX_BYTES → 413 PAYLOAD_TOO_LARGE in the error shape; just under → 201', async () => {
    const before = await fileCount();
    const big = tinyJpeg({ padTo: MAX + 5000 });
    expect(big.length).toBeGreaterThan(MAX);
    const res = await upload(await as(OWNER), big);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 0.2 MB', details: { maxBytes: MAX } });
    expect(await fileCount()).toBe(before);
    const fits = tinyJpeg({ padTo: MAX - 100 });
    expect(fits.length).toBeLessThanOrEqual(MAX);
    expect((await upload(await as(OWNER), fits)).status).toBe(201);
  });

  it('no file field → 400; no session → 401; a PNG is accepted', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await fetch(`${h.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${await as(OWNER)}` }, body: form });
    expect(res.status).toBe(400);
    const anon = await fetch(`${h.url}/api/files`, { method: 'POST', body: new FormData() });
    expect(anon.status).toBe(401);
    expect((await upload(await as(OWNER), tinyPng({ exif: true }), 'a.png', 'image/png')).body.contentType).toBe('image/png');
  });

  it('URL tokens: expired, tampered, another file → refused', async () => {
    const f = (await upload(await as(OWNER), tinyJpeg({ exif: true }))).body as UploadedFileView;
    const other = (await upload(await as(OWNER), tinyJpeg())).body as UploadedFileView;
    const expired = signGrant(SECRET, { fileId: f.id, viewer: `employee:${ids[OWNER]}`, variant: 'o', exp: Math.floor(Date.now() / 1000) - 1 });
    const r1 = await get(`/api/files/${f.id}?t=${expired}`);
    expect([r1.status, r1.json().code]).toEqual([403, 'FILE_FORBIDDEN']);
    const token = new URL(f.url, h.url).searchParams.get('t')!;
    expect((await get(`/api/files/${other.id}?t=${token}`)).status).toBe(403);
    expect((await get(`/api/files/${f.id}?t=${token.replace('.o.', '.s.')}`)).status).toBe(403);
    expect((await get(`/api/files/${f.id}`)).status).toBe(403);
    expect((await get(`/api/files/${f.id}?t=${token}`)).status).toBe(200);
  });

  it('visibility: a colleague outside the chain gets no URL; the manager chain gets EXIF-stripped bytes; HR the original', async () => {
    const jpeg = tinyJpeg({ exif: true });
    const f = (await upload(await as(OWNER), jpeg)).body as UploadedFileView;
    const files = h.app.get(FilesService);
    const session = async (no: string) => ({ kind: 'employee' as const, id: ids[no], tenantId: (await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids[no]]))[0].tenantId, roles: ['employee' as const], platform: null });
    const chain = chainOf(ids[OWNER]);
    const colleagueNo = Object.keys(ids).find((no) => no !== OWNER && /^E\d+$/.test(no) && !chain.includes(ids[no]) && no !== 'E0002')!;
    expect(await files.urlsFor(await session(colleagueNo), ids[OWNER], [f.id])).toEqual([]);
    expect(await files.accessFor(await session(colleagueNo), ids[OWNER])).toBeNull();

    for (const mgr of ['E0006', 'E0003']) {
      const [url] = await files.urlsFor(await session(mgr), ids[OWNER], [f.id]);
      const got = await get(url);
      expect(got.status).toBe(200);
      expect(jpegHasApp1(got.bytes)).toBe(false);
      expect(got.bytes.includes(Buffer.from('HRLINKCAM'))).toBe(false);
      expect(got.bytes.equals(stripJpegExif(jpeg))).toBe(true);
    }
    // A colleague holding the manager's URL still gets only what the manager gets; a made-up grant for them is refused by signature.
    const forged = `${Math.floor(Date.now() / 1000) + 60}.o.${Buffer.from(`employee:${ids[colleagueNo]}`).toString('base64url')}.${'A'.repeat(43)}`;
    expect((await get(`/api/files/${f.id}?t=${forged}`)).status).toBe(403);

    // HR (admin session with the hr role) through the admin field list below; here directly: the original with APP1.
    const hrSession = { kind: 'admin' as const, id: 'hr-admin', tenantId: (await session(OWNER)).tenantId, roles: ['hr' as const], platform: null };
    const [hrUrl] = await files.urlsFor(hrSession, ids[OWNER], [f.id]);
    const original = await get(hrUrl);
    expect(jpegHasApp1(original.bytes)).toBe(true);
    expect(original.bytes.equals(jpeg)).toBe(true);
  });

  it('assertOwned refuses someone else\'s file and unknown ids', async () => {
    const f = (await upload(await as(OWNER), tinyJpeg())).body as UploadedFileView;
    const files = h.app.get(FilesService);
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids[OWNER]]);
    await expect(files.assertOwned(tenantId, ids[OWNER], [f.id])).resolves.toBeUndefined();
    await expect(files.assertOwned(tenantId, ids.E0006, [f.id])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(files.assertOwned(tenantId, ids[OWNER], [f.id, '00000000-0000-4000-8000-000000000000'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  describe('field check-ins', () => {
    const input = (photoFileIds: string[], key: string) => ({
      idempotencyKey: key, latitude: 31.2304, longitude: 121.4737, accuracy: 15, address: '上海市黄浦区人民大道 200 号',
      customerName: '华东客户 A', remark: '季度回访', photoFileIds,
    });

    it('with a photo: 201, a retry with the same key is stored once, appears in the team list of the manager chain with a working stripped photo', async () => {
      const jpeg = tinyJpeg({ exif: true });
      const f = (await upload(await as(OWNER), jpeg)).body as UploadedFileView;
      const first = await h.api<FieldCheckinView>('POST', '/attendance/field-checkins', { token: await as(OWNER), body: input([f.id], 'field-key-0001') });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ customerName: '华东客户 A', remark: '季度回访', latitude: 31.2304, longitude: 121.4737, accuracy: 15, employee: { id: ids[OWNER] } });
      expect(first.body.photoUrls).toHaveLength(1);
      const retry = await h.api<FieldCheckinView>('POST', '/attendance/field-checkins', { token: await as(OWNER), body: input([f.id], 'field-key-0001') });
      expect(retry.status).toBe(201);
      expect(retry.body.id).toBe(first.body.id);
      const stored = await h.ds.query('SELECT COUNT(*) AS n FROM field_checkins WHERE idempotencyKey = ?', ['field-key-0001']);
      expect(Number(stored[0].n)).toBe(1);
      // Parallel retries of a new key: one row, every answer the same id.
      const burst = await Promise.all([1, 2, 3].map(async () => h.api<FieldCheckinView>('POST', '/attendance/field-checkins', { token: await as(OWNER), body: input([f.id], 'field-key-0002') })));
      expect(burst.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
      expect(Number((await h.ds.query('SELECT COUNT(*) AS n FROM field_checkins WHERE idempotencyKey = ?', ['field-key-0002']))[0].n)).toBe(1);

      const team = await h.api<FieldCheckinView[]>('GET', '/attendance/team/field-checkins', { token: await as('E0006') });
      expect(team.status).toBe(200);
      const mine = team.body.find((c) => c.id === first.body.id)!;
      expect(mine).toBeDefined();
      const photo = await get(mine.photoUrls[0]);
      expect(photo.status).toBe(200);
      expect(jpegHasApp1(photo.bytes)).toBe(false);
      const upper = await h.api<FieldCheckinView[]>('GET', '/attendance/team/field-checkins', { token: await as('E0003') });
      expect(upper.body.map((c) => c.id)).toContain(first.body.id);
      // The owner does not see it as "team"; a colleague outside the chain (another team lead) neither.
      const self = await h.api<FieldCheckinView[]>('GET', '/attendance/team/field-checkins', { token: await as(OWNER) });
      expect(self.body.map((c) => c.id)).not.toContain(first.body.id);
      const chain = chainOf(ids[OWNER]);
      const otherLead = Object.keys(ids).find((no) => no !== OWNER && !chain.includes(ids[no]) && Object.values(managerOf).includes(ids[no]))!;
      const other = await h.api<FieldCheckinView[]>('GET', '/attendance/team/field-checkins', { token: await as(otherLead) });
      expect(other.status).toBe(200);
      expect(other.body.map((c) => c.id)).not.toContain(first.body.id);

      const list = await h.api<Page<FieldCheckinView>>('GET', '/attendance/field-checkins', { token: await as(OWNER) });
      expect(list.body.items.map((c) => c.id)).toContain(first.body.id);
      expect((await get(list.body.items[0].photoUrls[0])).bytes.equals(jpeg)).toBe(true);
    });

    it('validation: no photo, 10 photos, someone else\'s photo, bad coordinates, long customer name → 400; nothing stored', async () => {
      const before = Number((await h.ds.query('SELECT COUNT(*) AS n FROM field_checkins'))[0].n);
      const f = (await upload(await as('E0006'), tinyJpeg())).body as UploadedFileView;
      const token = await as(OWNER);
      const cases = [
        input([], 'bad-key-0001'),
        input(Array.from({ length: 10 }, () => f.id), 'bad-key-0002'),
        input([f.id], 'bad-key-0003'),
        { ...input([f.id], 'bad-key-0004'), latitude: 91 },
        { ...input([f.id], 'bad-key-0005'), customerName: 'x'.repeat(101) },
        { ...input([f.id], 'bad-key-0006'), customerName: '  ' },
        { ...input([f.id], 'bad-key-0007'), remark: 'x'.repeat(501) },
      ];
      for (const body of cases) {
        const r = await h.api('POST', '/attendance/field-checkins', { token, body });
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(Number((await h.ds.query('SELECT COUNT(*) AS n FROM field_checkins'))[0].n)).toBe(before);
    });

    it('HR: filtered, paged list with original photos; fieldDays for the monthly report', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const res = await h.api<Page<FieldCheckinView>>('GET', `/admin/attendance/field-checkins?from=${today}&to=${today}&employeeId=${ids[OWNER]}`, { token: hr });
      expect(res.status).toBe(200);
      expect(res.body.total).toBeGreaterThanOrEqual(1);
      expect(res.body.items.every((c) => c.employee.id === ids[OWNER])).toBe(true);
      const photo = await get(res.body.items[0].photoUrls[0]);
      expect(jpegHasApp1(photo.bytes)).toBe(true);
      const none = await h.api<Page<FieldCheckinView>>('GET', `/admin/attendance/field-checkins?from=2020-01-01&to=2020-01-31`, { token: hr });
      expect(none.body.total).toBe(0);
      const [dept] = await h.ds.query('SELECT departmentId FROM employee_departments WHERE employeeId = ?', [ids[OWNER]]);
      const byDept = await h.api<Page<FieldCheckinView>>('GET', `/admin/attendance/field-checkins?from=${today}&to=${today}&departmentId=${dept.departmentId}&pageSize=1`, { token: hr });
      expect(byDept.body).toMatchObject({ pageSize: 1, items: [expect.anything()] });
      expect((await h.api('GET', `/admin/attendance/field-checkins?from=${today}&to=${today}`, { token: await as(OWNER) })).status).toBe(403);

      const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids[OWNER]]);
      const days = await h.app.get(FieldService).fieldDaysByEmployee(tenantId, '2020-01-01', '2099-12-31');
      expect([...days.get(ids[OWNER]) ?? []]).toEqual([today]);
      expect(days.has(ids.E0006)).toBe(false);
      expect((await h.app.get(FieldService).fieldDaysByEmployee(tenantId, '2020-01-01', '2020-01-31')).size).toBe(0);
    });
  });

  it('files land under UPLOAD_DIR', () => {
    expect(readdirSync(uploadDir).length).toBeGreaterThan(0);
  });
});
