import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LeaveRequestView, LeaveTypeView, Page, UploadedFileView } from '@hrlink/shared';
import { Harness } from './support/harness';
import { tinyJpeg } from './support/images';

// Leave attachments (证明材料) over real HTTP on the real database (SQLite in memory, or MySQL/MariaDB with DATABASE_URL):
// 病假 over 2 days needs one; ids must be images the applicant uploaded; the approval form counts them; the request
// view gives each viewer short-lived URLs (applicant → original, manager chain → stripped, HR → original, others none).
// 前端组: E0014 → 杨帆 E0006 → 张伟 E0003 → 王总 E0001; HR 李娜 E0002 (`hr` admin).
describe('leave attachments', () => {
  let h: Harness;
  let hr: string;
  let uploadDir: string;
  let sick: LeaveTypeView;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    uploadDir = mkdtempSync(join(tmpdir(), 'hrlink-leave-att-'));
    h = await Harness.start({ UPLOAD_DIR: uploadDir, FILE_URL_SECRET: 'test-file-url-secret-0123456789', DISPATCHER_ENABLED: '0' });
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    const list = await h.api<LeaveTypeView[]>('GET', '/leave/types', { token: await as('E0014') });
    sick = list.body.find((t) => t.code === 'sick')!;
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  async function upload(no: string): Promise<UploadedFileView> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(tinyJpeg({ exif: true }))], { type: 'image/jpeg' }), 'note.jpg');
    const res = await fetch(`${h.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${await as(no)}` }, body: form });
    expect(res.status).toBe(201);
    return (await res.json()) as UploadedFileView;
  }
  // Mon 2026-12-14 … Wed 2026-12-16: three working days, over the 2-day threshold.
  const body = (attachments?: string[], from = '2026-12-14', to = '2026-12-16') =>
    ({ leaveTypeId: sick.id, start: { date: from, half: 'am' }, end: { date: to, half: 'pm' }, reason: '发烧', ...(attachments ? { attachments } : {}) });
  const submit = async (no: string, b: object) => h.api<LeaveRequestView & { code?: string; details?: any }>('POST', '/leave/requests', { token: await as(no), body: b });

  it('病假 requires an attachment over 2 days (preview says so, submit refuses)', async () => {
    expect(sick.attachmentOverDays).toBe(2);
    const pre = await h.api('POST', '/leave/preview', { token: await as('E0014'), body: body() });
    expect(pre.body).toMatchObject({ amount: 3, attachmentRequired: true });
    expect(pre.body.problems.map((p: { code: string }) => p.code)).toContain('LEAVE_ATTACHMENT_REQUIRED');
    const res = await submit('E0014', body());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('LEAVE_ATTACHMENT_REQUIRED');
    expect(Number((await h.ds.query('SELECT COUNT(*) AS n FROM leave_requests'))[0].n)).toBe(0);
  });

  it("someone else's file id or a made-up id → VALIDATION_FAILED on attachments, nothing stored", async () => {
    const other = await upload('E0015');
    const res = await submit('E0014', body([other.id]));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields.attachments).toBeDefined();
    const fake = await submit('E0014', body(['00000000-0000-4000-8000-000000000000']));
    expect(fake.body.code).toBe('VALIDATION_FAILED');
    expect(Number((await h.ds.query('SELECT COUNT(*) AS n FROM leave_requests'))[0].n)).toBe(0);
  });

  it('with an uploaded JPEG → 201; form row 附件; URLs for the applicant, the manager chain and HR, none for others', async () => {
    const f = await upload('E0014');
    const res = await submit('E0014', body([f.id]));
    expect(res.status).toBe(201);
    // The applicant sees a URL (not the id), and it downloads the original bytes.
    expect(res.body.attachments).toHaveLength(1);
    expect(res.body.attachments[0]).toMatch(new RegExp(`^/api/files/${f.id}\\?t=`));
    const stored = await h.ds.query('SELECT attachments FROM leave_requests WHERE id = ?', [res.body.id]);
    expect(JSON.parse(stored[0].attachments)).toEqual([f.id]);

    const inst = (await h.api('GET', `/approvals/instances/${res.body.approvalInstanceId}`, { token: await as('E0014') })).body;
    expect(inst.form.map((x: { label: string }) => x.label)).toEqual(['类型', '时间', '天数', '事由', '附件']);
    expect(inst.form[4].value).toBe('1 张');

    // Direct manager: a stripped URL that downloads a JPEG without the EXIF segment.
    const mgr = await h.api<LeaveRequestView>('GET', `/leave/requests/${res.body.id}`, { token: await as('E0006') });
    expect(mgr.status).toBe(200);
    expect(mgr.body.attachments).toHaveLength(1);
    const dl = await fetch(`${h.url}${mgr.body.attachments[0]}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toContain('image/jpeg');
    const bytes = Buffer.from(await dl.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.includes(Buffer.from('HRLINKCAM'))).toBe(false);
    // The applicant's URL gives the original (EXIF kept).
    const own = Buffer.from(await (await fetch(`${h.url}${res.body.attachments[0]}`)).arrayBuffer());
    expect(own.includes(Buffer.from('HRLINKCAM'))).toBe(true);
    // The manager's URL is bound to the manager: it is not the applicant's.
    expect(mgr.body.attachments[0]).not.toBe(res.body.attachments[0]);

    // Indirect manager (department head) sees it too.
    const head = await h.api<LeaveRequestView>('GET', `/leave/requests/${res.body.id}`, { token: await as('E0003') });
    expect(head.body.attachments).toHaveLength(1);
    // HR in the admin list: original URL.
    const adm = await h.api<Page<LeaveRequestView>>('GET', '/admin/leave/requests', { token: hr });
    const row = adm.body.items.find((r) => r.id === res.body.id)!;
    expect(row.attachments).toHaveLength(1);
    expect((await fetch(`${h.url}${row.attachments[0]}`)).status).toBe(200);
    // A colleague outside the chain cannot open the request at all.
    const peer = await h.api('GET', `/leave/requests/${res.body.id}`, { token: await as('E0015') });
    expect(peer.status).not.toBe(200);
    // The applicant's own list carries URLs, never the stored ids.
    const mine = await h.api<Page<LeaveRequestView>>('GET', '/leave/requests', { token: await as('E0014') });
    expect(mine.body.items[0].attachments[0]).toMatch(/^\/api\/files\/.+\?t=/);
  });

  it('2 days of 病假 need none; the form has no 附件 row', async () => {
    const res = await submit('E0016', body(undefined, '2026-12-21', '2026-12-22'));
    expect(res.status).toBe(201);
    expect(res.body.attachments).toEqual([]);
    const inst = (await h.api('GET', `/approvals/instances/${res.body.approvalInstanceId}`, { token: await as('E0016') })).body;
    expect(inst.form.map((x: { label: string }) => x.label)).toEqual(['类型', '时间', '天数', '事由']);
  });
});
