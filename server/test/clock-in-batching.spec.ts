import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import type { AttendanceGroupView, DailyResultView, MonthView, PunchResult, TodayView } from '@hrlink/shared';
import { FastRows } from '../src/database/fast-rows';
import { Transactions } from '../src/database/transactions';
import { AttendanceClock } from '../src/modules/attendance/attendance-clock';
import { DirtyDays } from '../src/modules/attendance/dirty-days';
import { DailyResult, Punch } from '../src/modules/attendance/entities';
import { DailyResultsWriter } from '../src/modules/attendance/results-writer';
import { PunchBatch } from '../src/modules/attendance/punch-batch';
import { AttendanceCore } from '../src/modules/attendance/attendance-core.service';
import { ResultsClustered1765000000000 } from '../src/database/migrations/1765000000000-ResultsClustered';
import { PunchesClustered1765100000000 } from '../src/database/migrations/1765100000000-PunchesClustered';
import { groupBody, hqGroup } from './support/attendance';
import { Harness, Res } from './support/harness';

// The clock-in hot path under concurrency, over HTTP on a real DB (SQLite file, or MySQL/MariaDB with DATABASE_URL):
// punches arriving together share one read and one multi-row INSERT (PunchBatch; an idempotency-key retry in the same
// batch is skipped and answers the stored punch), the daily result is stored ~100 ms later by DailyResultsWriter
// (reads in this process compute a queued day), a sweep restores results lost in a crash, and shutdown writes what is
// queued. Demo org (40 people, all in 总部考勤组 09:00–18:00, grace 5) synced from the sandbox with DEMO_SEED on.
// The server clock is pinned per step; punches' createdAt / computedAt stay real time.

const INSIDE = { latitude: 31.2310, longitude: 121.4737, accuracy: 20 }; // 67 m from the HQ site

describe('clock-in batching over HTTP', () => {
  let h: Harness;
  let hr: string;
  let clock: AttendanceClock;
  let writer: DailyResultsWriter;
  let dirty: DirtyDays;
  let stopped = false;
  let tenantId: string;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let nos: string[] = [];
  let keyN = 0;
  const dir = mkdtempSync(join(tmpdir(), 'hrlink-clockin-'));
  // A file, not :memory:, so the shutdown test can read what the stopped app left behind.
  const sqlitePath = join(dir, 'clockin.sqlite');
  /** Row counts of every FastRows.insertMany (observed, not replaced): proves a batch held several punches. */
  const insertBatches: { employeeId: string; idempotencyKey: string }[][] = [];

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1', ...(process.env.DATABASE_URL ? {} : { DATABASE_URL: '', SQLITE_PATH: sqlitePath }) });
    hr = await h.adminLogin();
    await h.syncAll(hr);
    clock = h.app.get(AttendanceClock);
    writer = h.app.get(DailyResultsWriter);
    dirty = h.app.get(DirtyDays);
    for (const row of await h.ds.query("SELECT id, employeeNo, tenantId FROM employees WHERE status = 'active'")) {
      ids[row.employeeNo] = row.id;
      tenantId = row.tenantId;
    }
    nos = Object.keys(ids).sort();
    if (nos.length !== 40) throw new Error(`expected the 40 demo employees, got ${nos.length}`);
    // The sync creates 总部考勤组 today (effectiveFrom = today); the steps below are in October 2026.
    const g = await hqGroup(h, hr);
    const body = { ...groupBody(g), effectiveFrom: '2026-09-01' };
    const put = await h.api<AttendanceGroupView>('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body });
    if (put.status !== 200) throw new Error(`effectiveFrom: ${put.text}`);
    for (const no of nos) await as(no);
    const original = FastRows.prototype.insertMany;
    jest.spyOn(FastRows.prototype, 'insertMany').mockImplementation(function (this: FastRows<any>, m, rows, opts) {
      if (rows.length && 'idempotencyKey' in rows[0]) insertBatches.push(rows.map((r: Punch) => ({ employeeId: r.employeeId, idempotencyKey: r.idempotencyKey })));
      return original.call(this, m, rows, opts);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    clock?.set(null);
    if (!stopped) await h?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  const at = (date: string, time: string) => clock.set(`${date}T${time}:00+08:00`);
  const newKey = () => `batch-key-${++keyN}-${Date.now()}`;
  const punch = (no: string, idempotencyKey = newKey()) =>
    h.api<PunchResult & { code?: string }>('POST', '/attendance/punches', { token: tokens[no], body: { ...INSIDE, idempotencyKey } });
  const punchesOn = (date: string) => h.ds.getRepository(Punch).find({ where: { date }, order: { at: 'ASC' } });
  const storedDay = (no: string, date: string) => h.ds.getRepository(DailyResult).findOneBy({ employeeId: ids[no], date });
  const dayFields = (d: DailyResultView | DailyResult) =>
    ({ statuses: d.statuses, lateMinutes: d.lateMinutes, earlyMinutes: d.earlyMinutes, workedMinutes: d.workedMinutes, leaveDays: Number(d.leaveDays), provisional: d.provisional });
  /**
   * Writes what is queued and lets the writer's pending timer (set by an earlier punch) lapse, so the next punch's day
   * stays queued for its full ~100 ms: the window in which a read must compute it.
   */
  const settle = async () => {
    await writer.flush();
    await new Promise((r) => setTimeout(r, 150));
  };
  const ok = (r: Res<PunchResult & { code?: string }>, what: string) => {
    if (r.status !== 201) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r.body;
  };

  /**
   * Holds every punch INSERT for a moment while the requests come in, as a busy database would, so the punches queue
   * in the batcher and go out together (its 4 slots are never all busy otherwise: on SQLite an INSERT finishes long
   * before the next request arrives, and 40 parallel clients would each get a one-row INSERT). SQLite: a unit of work
   * held open (the transaction queue); MySQL: another connection's transaction locking the punch table's rows and gaps
   * (plain reads go on).
   */
  async function withInsertsHeld<T>(send: () => Promise<T>): Promise<T> {
    const pause = () => new Promise((r) => setTimeout(r, 500));
    if (!process.env.DATABASE_URL) {
      let release!: () => void;
      const held = h.app.get(Transactions).run(() => new Promise<void>((r) => { release = r; }));
      const sent = send();
      await pause();
      release();
      await held;
      return sent;
    }
    const qr = h.ds.createQueryRunner();
    await qr.startTransaction();
    try {
      await qr.query('SELECT `id` FROM `attendance_punches` FOR UPDATE');
      const sent = send();
      await pause();
      await qr.commitTransaction();
      return await sent;
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  }

  it('40 people punch at once: 40 × 201, each answer its own person and punch, 40 rows of kind in; a second round all out', async () => {
    at('2026-10-19', '08:55');
    const keys = nos.map(() => newKey());
    const before = insertBatches.length;
    const round1 = await withInsertsHeld(() => Promise.all(nos.map((no, i) => punch(no, keys[i]))));
    expect(round1.map((r) => r.status)).toEqual(Array(40).fill(201));
    const rows1 = await punchesOn('2026-10-19');
    expect(rows1).toHaveLength(40);
    const byEmployee = new Map(rows1.map((p) => [p.employeeId, p]));
    expect(byEmployee.size).toBe(40);
    nos.forEach((no, i) => {
      const b = round1[i].body;
      expect(b).toMatchObject({ duplicate: false, punch: { kind: 'in', source: 'site' }, day: { date: '2026-10-19', statuses: ['normal'], provisional: true } });
      expect(b.day.employee.id).toBe(ids[no]);
      expect(b.day.punches.map((p) => p.id)).toEqual([b.punch.id]); // nobody else's punch in my day
      const row = byEmployee.get(ids[no])!;
      expect({ id: row.id, kind: row.kind, key: row.idempotencyKey, date: row.date }).toEqual({ id: b.punch.id, kind: 'in', key: keys[i], date: '2026-10-19' });
    });
    expect(new Set(round1.map((r) => r.body.punch.id)).size).toBe(40);
    // The concurrency was real: at least one INSERT carried several people's punches.
    expect(Math.max(...insertBatches.slice(before).map((b) => b.length))).toBeGreaterThan(1);

    at('2026-10-19', '18:05');
    const round2 = await Promise.all(nos.map((no) => punch(no)));
    expect(round2.map((r) => r.status)).toEqual(Array(40).fill(201));
    nos.forEach((no, i) => {
      const b = round2[i].body;
      expect(b).toMatchObject({ duplicate: false, punch: { kind: 'out' }, day: { statuses: ['normal'], provisional: false } });
      expect(b.day.employee.id).toBe(ids[no]);
      expect(b.day.punches.map((p) => p.id)).toEqual([round1[i].body.punch.id, b.punch.id]);
    });
    const rows2 = await punchesOn('2026-10-19');
    expect(rows2).toHaveLength(80);
    for (const no of nos) expect(rows2.filter((p) => p.employeeId === ids[no]).map((p) => p.kind)).toEqual(['in', 'out']);

    // The writer stores every day with what the punch answered.
    await writer.flush();
    const results = await h.ds.getRepository(DailyResult).findBy({ date: '2026-10-19' });
    expect(results).toHaveLength(40);
    const stored = new Map(results.map((r) => [r.employeeId, r]));
    nos.forEach((no, i) => expect(dayFields(stored.get(ids[no])!)).toEqual(dayFields(round2[i].body.day)));
  });

  it('one batch mixing 10 retries of one key with 10 other people: one row for the key, 9 duplicates of it, the 10 others stored', async () => {
    at('2026-10-20', '08:50');
    const key = newKey();
    const others = nos.slice(1, 11);
    const before = insertBatches.length;
    const all = await withInsertsHeld(() => Promise.all([
      ...Array.from({ length: 10 }, () => punch(nos[0], key)),
      ...others.map((no) => punch(no)),
    ]));
    expect(all.map((r) => r.status)).toEqual(Array(20).fill(201));
    const retries = all.slice(0, 10).map((r) => r.body);
    const rest = all.slice(10).map((r) => r.body);
    const rows = await punchesOn('2026-10-20');
    const mine = rows.filter((p) => p.employeeId === ids[nos[0]]);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ idempotencyKey: key, kind: 'in' });
    expect(retries.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(retries.filter((b) => b.duplicate)).toHaveLength(9);
    for (const b of retries) {
      expect(b.punch.id).toBe(mine[0].id);
      expect(b.day.employee.id).toBe(ids[nos[0]]);
      expect(b.day.statuses).toEqual(['normal']);
    }
    others.forEach((no, i) => {
      expect(rest[i]).toMatchObject({ duplicate: false, punch: { kind: 'in' } });
      expect(rest[i].day.employee.id).toBe(ids[no]);
      const row = rows.filter((p) => p.employeeId === ids[no]);
      expect(row.map((p) => p.id)).toEqual([rest[i].punch.id]);
    });
    expect(rows).toHaveLength(11);
    // In this process one person's punches run one after another, so the retries found the stored punch themselves;
    // the INSERTs still carried several people at once.
    expect(insertBatches.slice(before).some((b) => b.length > 1)).toBe(true);

    // Another process's retry can still meet ours inside one INSERT: the duplicate is skipped, the others stored.
    const batch = h.app.get(PunchBatch);
    const twin = newKey();
    const row = (no: string, k: string) => Object.assign(new Punch(), {
      id: randomUUID(), tenantId, employeeId: ids[no], date: '2026-10-20', at: new Date('2026-10-20T01:00:00Z'), kind: 'in', source: 'site',
      siteId: null, siteName: '总部', distanceMeters: 10, latitude: 31.231, longitude: 121.4737, accuracy: 20, wifi: null, flags: [], remark: null,
      photoFileIds: [], deviceId: null, idempotencyKey: k, createdAt: new Date(), updatedAt: new Date(),
    });
    const mark = insertBatches.length;
    const [a, b, c] = [row(nos[20], twin), row(nos[20], twin), row(nos[21], newKey())];
    const stored = await withInsertsHeld(() => Promise.all([a, b, c].map((r) => batch.insert(r))));
    expect(stored).toEqual([true, false, true]);
    expect(insertBatches.slice(mark).some((x) => x.length === 3)).toBe(true);
    expect((await h.ds.getRepository(Punch).findBy({ id: In([a.id, b.id, c.id]) })).map((p) => p.id).sort()).toEqual([a.id, c.id].sort());
  });

  it('a multi-row INSERT that skips duplicates reports how many rows it stored (MySQL: from the statement\'s info text)', async () => {
    at('2026-10-30', '08:40');
    const stored = ok(await punch(nos[0]), 'punch').punch;
    const taken = await h.ds.getRepository(Punch).findOneByOrFail({ id: stored.id });
    const rows = new FastRows(h.ds, Punch);
    const fresh = (key: string) => Object.assign(new Punch(), { ...taken, id: randomUUID(), idempotencyKey: key, createdAt: new Date(), updatedAt: new Date() });
    const batch = [fresh(`count-a-${Date.now()}`), fresh(taken.idempotencyKey), fresh(`count-b-${Date.now()}`)];
    expect(await rows.insertMany(h.ds.manager, batch, { ignoreDuplicates: true })).toBe(2);
    expect(await h.ds.getRepository(Punch).countBy({ id: In(batch.map((p) => p.id)) })).toBe(2);
    // Alone, a skipped row cannot be told from a stored one on MySQL (no info text): never claimed as stored.
    expect([0, 'unknown']).toContain(await rows.insertMany(h.ds.manager, [fresh(taken.idempotencyKey)], { ignoreDuplicates: true }));
    const again = [fresh(`count-c-${Date.now()}`), fresh(`count-d-${Date.now()}`)];
    expect(await rows.insertMany(h.ds.manager, again, { ignoreDuplicates: true })).toBe(2);
    await h.ds.getRepository(Punch).delete({ id: In([taken, ...batch, ...again].map((p) => p.id)) });
  });

  it('the daily result is stored by the writer; before that, today / month already show the punch\'s outcome', async () => {
    const no = nos[11];
    await settle();
    at('2026-10-21', '09:20');
    const p = ok(await punch(no), 'late punch');
    expect(p.day).toMatchObject({ statuses: ['late'], lateMinutes: 20, provisional: true });
    // Provisional: nothing is queued or written for it (reads never trust a provisional row, they compute the day).
    expect(dirty.has(tenantId, ids[no], '2026-10-21')).toBe(false);
    await writer.flush();
    expect(await storedDay(no, '2026-10-21')).toBeNull();
    const today = await h.api<TodayView>('GET', '/attendance/today', { token: tokens[no] });
    expect(today.status).toBe(200);
    expect(today.body.day).toEqual(p.day);

    // A stored final row (after the shift, nothing punched out yet) goes stale with the next punch: a read before the
    // writer's turn must show the punch's outcome, not the stored row.
    at('2026-10-21', '18:30');
    expect((await h.api<TodayView>('GET', '/attendance/today', { token: tokens[no] })).body.day).toMatchObject({ statuses: ['late', 'missing_out'], provisional: false });
    expect((await storedDay(no, '2026-10-21'))!).toMatchObject({ statuses: ['late', 'missing_out'], provisional: false });
    await settle();
    const out = ok(await punch(no), 'punch out');
    expect(out.day).toMatchObject({ statuses: ['late'], lateMinutes: 20, provisional: false });
    expect(dirty.has(tenantId, ids[no], '2026-10-21')).toBe(true);
    const month = await h.api<MonthView>('GET', '/attendance/month?month=2026-10', { token: tokens[no] });
    expect(month.status).toBe(200);
    expect(month.body.days.find((d) => d.date === '2026-10-21')).toEqual(out.day);
    await writer.flush();
    expect(dayFields((await storedDay(no, '2026-10-21'))!)).toEqual(dayFields(out.day));
  });

  it('crash safety: a stale stored result of today / yesterday is rewritten by the sweep; a missing one is computed by reads', async () => {
    const [late, today] = [nos[11], nos[12]];
    at('2026-10-22', '09:00');
    ok(await punch(today), 'punch in');
    at('2026-10-22', '18:10');
    const p = ok(await punch(today), 'punch out');
    expect(p.day).toMatchObject({ statuses: ['normal'], provisional: false });
    await writer.flush();
    expect(dayFields((await storedDay(today, '2026-10-22'))!)).toEqual(dayFields(p.day));
    expect(await writer.sweep()).toBe(0); // nothing behind its punches

    // The process died before writing: today's stored row is older than the punch out (and says 下班缺卡).
    const out = (await h.ds.getRepository(Punch).findOneByOrFail({ id: p.punch.id }));
    await h.ds.getRepository(DailyResult).update({ employeeId: ids[today], date: '2026-10-22' },
      { statuses: ['missing_out'], computedAt: new Date(new Date(out.createdAt).getTime() - 1000) });
    expect(await writer.sweep()).toBe(1);
    expect(dayFields((await storedDay(today, '2026-10-22'))!)).toEqual(dayFields(p.day));

    // Yesterday's row computed before its last punch was stored (and wrong): rewritten as of now (final).
    const lastPunch = (await h.ds.getRepository(Punch).find({ where: { employeeId: ids[late], date: '2026-10-21' }, order: { createdAt: 'DESC' } }))[0];
    await h.ds.getRepository(DailyResult).update({ employeeId: ids[late], date: '2026-10-21' },
      { statuses: ['absent'], lateMinutes: 0, computedAt: new Date(new Date(lastPunch.createdAt).getTime() - 1000) });
    expect(await writer.sweep()).toBe(1);
    expect(await storedDay(late, '2026-10-21')).toMatchObject({ statuses: ['late'], lateMinutes: 20, provisional: false });

    // A missing row is nothing to repair: the next read computes and stores it.
    await h.ds.getRepository(DailyResult).delete({ employeeId: ids[today], date: '2026-10-22' });
    expect(await writer.sweep()).toBe(0);
    const read = await h.api<TodayView>('GET', '/attendance/today', { token: tokens[today] });
    expect(read.body.day).toEqual(p.day);
    expect(dayFields((await storedDay(today, '2026-10-22'))!)).toEqual(dayFields(p.day));

    // After the first sweep of a process, a sweep looks only at punches created since the previous one began (less
    // 5 minutes): a stale row behind punches taken 10 minutes ago is left to the next process's first sweep.
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await h.ds.getRepository(Punch).update({ employeeId: ids[today], date: '2026-10-22' }, { createdAt: tenMinutesAgo });
    await h.ds.getRepository(DailyResult).update({ employeeId: ids[today], date: '2026-10-22' },
      { statuses: ['missing_out'], computedAt: new Date(tenMinutesAgo.getTime() - 60_000) });
    expect(await writer.sweep()).toBe(0);
    const restarted = new DailyResultsWriter(h.app.get(AttendanceCore), h.app.get(DirtyDays));
    restarted.onModuleInit();
    try {
      expect(await restarted.sweep()).toBe(1);
    } finally {
      await restarted.beforeApplicationShutdown();
    }
    expect(dayFields((await storedDay(today, '2026-10-22'))!)).toEqual(dayFields(p.day));

    // Two days back is outside the sweep: on 10-23, a stale row of 10-21 stays as it is.
    await h.ds.getRepository(DailyResult).update({ employeeId: ids[late], date: '2026-10-21' }, { computedAt: new Date(0) });
    at('2026-10-23', '08:00');
    expect(await writer.sweep()).toBe(0);
  });

  it('a refused punch fails alone: an absurd accuracy is a 400, a row the database rejects fails only its own caller', async () => {
    at('2026-10-21', '09:01');
    const bad = await h.api<{ code: string; details: { fields: Record<string, string[]> } }>('POST', '/attendance/punches',
      { token: tokens[nos[0]], body: { ...INSIDE, accuracy: 1e10, idempotencyKey: newKey() } });
    expect([bad.status, bad.body.code]).toEqual([400, 'ATTENDANCE_LOCATION_INVALID']);
    expect(bad.body.details.fields.accuracy.join('')).toContain('100000 米以内');

    // Straight to the batcher: one row no database accepts (NOT NULL tenant) travelling with five good ones.
    const batch = h.app.get(PunchBatch);
    const row = (no: string, tenant: string | null) => Object.assign(new Punch(), {
      id: randomUUID(), tenantId: tenant, employeeId: ids[no], date: '2026-10-21', at: new Date('2026-10-21T01:01:00Z'), kind: 'in', source: 'site',
      siteId: null, siteName: '总部', distanceMeters: 10, latitude: 31.231, longitude: 121.4737, accuracy: 20, wifi: null, flags: [], remark: null,
      photoFileIds: [], deviceId: null, idempotencyKey: newKey(), createdAt: new Date(), updatedAt: new Date(),
    });
    const good = nos.slice(1, 6).map((no) => row(no, tenantId));
    const refused = row(nos[0], null);
    const before = insertBatches.length;
    const answers = await withInsertsHeld(() => Promise.allSettled([batch.insert(refused), ...good.map((r) => batch.insert(r))]));
    expect(answers.map((a) => a.status)).toEqual(['rejected', ...Array(5).fill('fulfilled')]);
    expect(answers.slice(1).map((a) => (a as PromiseFulfilledResult<boolean>).value)).toEqual(Array(5).fill(true));
    expect(insertBatches.slice(before).some((b) => b.length > 1)).toBe(true); // they did travel together first
    const stored = await h.ds.getRepository(Punch).findBy({ id: In([refused.id, ...good.map((r) => r.id)]) });
    expect(stored.map((p) => p.id).sort()).toEqual(good.map((r) => r.id).sort());
  });

  it('a double tap (two keys at once) is 上班 then 下班, in order', async () => {
    await settle();
    at('2026-10-22', '08:58');
    const no = nos[8];
    const [a, b] = await Promise.all([punch(no), punch(no)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.punch.kind, b.body.punch.kind]).toEqual(['in', 'out']);
    expect(b.body.day.punches.map((p) => p.id)).toEqual([a.body.punch.id, b.body.punch.id]);
  });

  it('a stored result computed from a later read is not replaced by one computed from an earlier read', async () => {
    const core = h.app.get(AttendanceCore);
    const no = nos[9];
    const row = (statuses: string[], at: Date) => Object.assign(new DailyResult(), {
      id: randomUUID(), tenantId, employeeId: ids[no], date: '2026-10-02', groupId: null, statuses, lateMinutes: 0, earlyMinutes: 0,
      workedMinutes: 0, leaveDays: 0, provisional: false, computedAt: at, createdAt: at, updatedAt: at,
    });
    const t = Date.now();
    const epoch = await core.resultEpoch(h.ds.manager, tenantId);
    await core.storeResults(h.ds.manager, tenantId, [row(['normal'], new Date(t))], epoch);
    await core.storeResults(h.ds.manager, tenantId, [row(['absent'], new Date(t - 5000))], epoch); // a slower read that started earlier
    expect((await storedDay(no, '2026-10-02'))!.statuses).toEqual(['normal']);
    await core.storeResults(h.ds.manager, tenantId, [row(['late'], new Date(t + 5000))], epoch);
    expect((await storedDay(no, '2026-10-02'))!.statuses).toEqual(['late']);
    // Results cleared meanwhile (a leave approved, a calendar override, 重新计算 — here of another day): a result
    // computed from reads made before is not stored, and the day's stored row, maybe as old, is removed (the next
    // read computes the day).
    await core.tx.run(async (m) => {
      await core.clearingResults(m, tenantId);
      await m.delete(DailyResult, { tenantId, employeeId: ids[no], date: '2026-10-01' });
    });
    expect(await core.storeResults(h.ds.manager, tenantId, [row(['absent'], new Date(t + 6000))], epoch)).toBe(false);
    expect(await storedDay(no, '2026-10-02')).toBeNull();
    expect(await core.storeResults(h.ds.manager, tenantId, [row(['normal'], new Date())], await core.resultEpoch(h.ds.manager, tenantId))).toBe(true);
    expect((await storedDay(no, '2026-10-02'))!.statuses).toEqual(['normal']);
  });

  /** A table's indexes: name → columns in order (`unique` only: the unique ones, the primary key included on MySQL). */
  async function indexes(table: string, unique = false): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    if (h.ds.options.type === 'better-sqlite3') {
      for (const i of await h.ds.query(`PRAGMA index_list('${table}')`) as { name: string; unique: number }[]) {
        if (unique && !i.unique) continue;
        out[i.name] = (await h.ds.query(`PRAGMA index_info('${i.name}')`) as { name: string; seqno: number }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      }
      return out;
    }
    const rows: { Key_name: string; Column_name: string; Seq_in_index: number; Non_unique: number }[] = await h.ds.query(`SHOW KEYS FROM ${table}`);
    for (const r of rows.filter((x) => !unique || !Number(x.Non_unique)).sort((a, b) => a.Seq_in_index - b.Seq_in_index)) (out[r.Key_name] ??= []).push(r.Column_name);
    return out;
  }

  it('results are keyed by (tenant, employee, date): the primary key on MySQL (a person\'s days clustered), a unique index on SQLite; the migration goes down and back up keeping the rows', async () => {
    const sqlite = h.ds.options.type === 'better-sqlite3';
    const keys = () => indexes('attendance_daily_results', true);
    const count = async () => Number((await h.ds.query('SELECT COUNT(*) AS n FROM attendance_daily_results'))[0].n);
    const rows = await count();
    expect(rows).toBeGreaterThan(0);
    const clustered = sqlite ? { uq_att_daily: ['tenantId', 'employeeId', 'date'] } : { PRIMARY: ['tenantId', 'employeeId', 'date'], uq_att_daily_id: ['id'] };
    expect(await keys()).toMatchObject(clustered);
    if (!sqlite) expect(Object.keys(await keys()).sort()).toEqual(['PRIMARY', 'uq_att_daily_id']);
    const qr = h.ds.createQueryRunner();
    try {
      const migration = new ResultsClustered1765000000000();
      await migration.down(qr);
      if (!sqlite) expect(await keys()).toEqual({ PRIMARY: ['id'], uq_att_daily: ['tenantId', 'employeeId', 'date'] });
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    expect(await keys()).toMatchObject(clustered);
    expect(await count()).toBe(rows);
  });

  it('a person\'s punches are stored together on MySQL (primary key tenant, employee, date, id) and read along it; the migration goes down and back up keeping the rows', async () => {
    const sqlite = h.ds.options.type === 'better-sqlite3';
    const count = async () => Number((await h.ds.query('SELECT COUNT(*) AS n FROM attendance_punches'))[0].n);
    const rows = await count();
    expect(rows).toBeGreaterThan(0);
    const clustered = ['tenantId', 'employeeId', 'date', 'id'];
    if (!sqlite) expect((await indexes('attendance_punches', true)).PRIMARY).toEqual(clustered);
    // The old per-person index: the key's prefix on MySQL (dropped), SQLite's way to a person's punches.
    expect((await indexes('attendance_punches')).ix_att_punch_day).toEqual(sqlite ? ['tenantId', 'employeeId', 'date'] : undefined);
    const qr = h.ds.createQueryRunner();
    try {
      const migration = new PunchesClustered1765100000000();
      await migration.down(qr);
      if (!sqlite) expect(await indexes('attendance_punches')).toMatchObject({ PRIMARY: ['id'], ix_att_punch_day: ['tenantId', 'employeeId', 'date'] });
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    if (!sqlite) {
      expect((await indexes('attendance_punches', true)).PRIMARY).toEqual(clustered);
      // The recent punches of the people in a batch: a range of the primary key per person.
      const [plan] = await h.ds.query('EXPLAIN SELECT * FROM attendance_punches FORCE INDEX (PRIMARY) WHERE tenantId = ? AND employeeId IN (?, ?) AND date >= ? AND date <= ?',
        [tenantId, ids[nos[0]], ids[nos[1]], '2026-10-01', '2026-10-31']);
      expect([plan.key, plan.type]).toEqual(['PRIMARY', 'range']);
    }
    expect(await count()).toBe(rows);
  });

  it('a retry answers the stored punch even when its new fix is out of range', async () => {
    await settle();
    at('2026-10-22', '09:02');
    const key = newKey();
    const first = ok(await punch(nos[7], key), 'first');
    const far = await h.api<PunchResult>('POST', '/attendance/punches', { token: tokens[nos[7]], body: { latitude: 31.2404, longitude: 121.4737, accuracy: 20, idempotencyKey: key } });
    expect(far.status).toBe(201);
    expect(far.body).toMatchObject({ duplicate: true, punch: { id: first.punch.id } });
  });


  it('after two weeks away, punches batched together each compare with their own last punch (device change flagged)', async () => {
    await settle();
    const people = nos.slice(20, 30);
    const send = (no: string, deviceId: string) => h.api<PunchResult>('POST', '/attendance/punches',
      { token: tokens[no], body: { ...INSIDE, idempotencyKey: newKey(), deviceId } });
    at('2026-11-02', '08:55');
    for (const no of people) ok(await send(no, `phone-${no}`), `first ${no}`);
    // Four of them have a later day holding only an approved 补卡 (no location, no device): the flags skip it.
    await h.ds.getRepository(Punch).save(people.slice(0, 4).map((no) => Object.assign(new Punch(), {
      tenantId, employeeId: ids[no], date: '2026-11-06', at: new Date('2026-11-06T10:00:00Z'), kind: 'out', source: 'correction',
      siteId: null, siteName: null, distanceMeters: null, latitude: null, longitude: null, accuracy: null, wifi: null, flags: [], remark: '补卡',
      photoFileIds: [], deviceId: null, idempotencyKey: `correction-${no}-${newKey()}`,
    })));
    at('2026-11-16', '08:55'); // 14 days later: nothing in the batch's recent window, the last punch is read further back
    const before = insertBatches.length;
    const back = await withInsertsHeld(() => Promise.all(people.map((no, i) => send(no, i % 2 ? `new-phone-${no}` : `phone-${no}`))));
    expect(back.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(back.map((r) => r.body.punch.flags)).toEqual(people.map((_, i) => (i % 2 ? ['device_change'] : [])));
    expect(back.map((r) => r.body.punch.kind)).toEqual(Array(10).fill('in'));
    expect(Math.max(...insertBatches.slice(before).map((b) => b.length))).toBeGreaterThan(1);
  });
  it('shutdown writes the queued days before the database closes', async () => {
    const no = nos[13];
    await settle();
    at('2026-10-23', '09:12');
    ok(await punch(no), 'punch in');
    at('2026-10-23', '18:20');
    const p = ok(await punch(no), 'punch out');
    expect(p.day).toMatchObject({ statuses: ['late'], lateMinutes: 12, provisional: false });
    expect(dirty.has(tenantId, ids[no], '2026-10-23')).toBe(true);
    const dbEnv = h.dbEnv;
    stopped = true;
    await h.stop();
    const sql = 'SELECT `statuses`, `lateMinutes`, `provisional` FROM `attendance_daily_results` WHERE `employeeId` = ? AND `date` = ?';
    // A connection of our own: the app's DataSource is closed.
    const db = new DataSource(dbEnv.DATABASE_URL ? { type: 'mysql', url: dbEnv.DATABASE_URL } : { type: 'better-sqlite3', database: dbEnv.SQLITE_PATH });
    await db.initialize();
    let rows: { statuses: string; lateMinutes: number; provisional: unknown }[];
    try {
      rows = await db.query(sql, [ids[no], '2026-10-23']);
    } finally {
      await db.destroy();
    }
    expect(rows).toHaveLength(1);
    expect({ statuses: JSON.parse(rows[0].statuses), lateMinutes: Number(rows[0].lateMinutes), provisional: !!Number(rows[0].provisional) })
      .toEqual({ statuses: p.day.statuses, lateMinutes: p.day.lateMinutes, provisional: p.day.provisional });
  });
});
