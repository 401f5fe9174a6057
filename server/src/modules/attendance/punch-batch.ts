import { Injectable } from '@nestjs/common';
import { Coalescer } from '../../common/batching/coalescer';
import { FastRows } from '../../database/fast-rows';
import { rerunOnLockConflict } from '../../database/transactions';
import { isUniqueViolation } from '../../common/errors/exception.filter';
import type { LeaveDay } from '../leave/leave.service';
import { LeaveToday } from '../leave/leave-today';
import { addDays } from '../leave/domain/dates';
import { AttendanceCore } from './attendance-core.service';
import { Punch } from './entities';
import { groupBy } from '../../common/group-by';

/**
 * The punches a new punch reads: the day's, the previous one (flags: travel speed, device change — a weekend apart at
 * most) and a quick retry's key.
 */
export const RECENT_DAYS = 3;

/** An autocommitted INSERT can still be a deadlock victim (unique-index gap locks) or time out on a lock: re-run. */
const ONE_LOCK_WAIT_RETRY = { lockWaitRetries: 1 };

export interface PunchContext {
  /** The person's punches of the last RECENT_DAYS days up to today, newest first. */
  recent: Punch[];
  /** Their approved leave of today. */
  leave: LeaveDay[];
  /** Their latest punch of their own (not a 补卡), for the flags: in `recent` when there is one, else read further back. */
  previous: Punch | null;
}

/** Punches a person made themselves (the flags compare with these; 补卡 rows carry no location). */
const OWN_SOURCES: Punch['source'][] = ['site', 'wifi', 'field'];

interface LoadKey {
  tenantId: string;
  employeeId: string;
  date: string;
}

/**
 * Group commit for clock-in: punches arriving together (a morning's queue at the door) share their reads and their
 * INSERT. Each batch reads the recent punches of all its people with one statement (and, for people with no punch of
 * their own in those days — after a long holiday —, their latest one with a second); today's leave comes from
 * LeaveToday (the tenant's, read once every few seconds, dropped in this process when a leave is approved). It
 * writes all new punches with one multi-row INSERT that skips rows hitting the idempotency key (a retry). The database
 * says how many rows went in (SQLite: the change count; MySQL: the statement's "Records: N  Duplicates: D" info); only
 * when some were skipped does one read of the new ids tell each caller whether their row went in. Idle, a batch is one
 * punch and costs what a single punch would. (bench/clock-in measures it.)
 */
@Injectable()
export class PunchBatch {
  private readonly rows: FastRows<Punch>;
  private readonly loads: Coalescer<LoadKey, PunchContext>;
  private readonly inserts: Coalescer<Punch, boolean | Error>;

  constructor(private readonly core: AttendanceCore, private readonly leaveToday: LeaveToday) {
    this.rows = new FastRows(core.ds, Punch);
    this.loads = new Coalescer((keys) => this.loadAll(keys), 4, 200);
    this.inserts = new Coalescer((rows) => this.insertAll(rows), 4, 200);
  }

  load(tenantId: string, employeeId: string, date: string): Promise<PunchContext> {
    return this.loads.push({ tenantId, employeeId, date });
  }

  /** Stores the punch; false when a punch with its idempotency key was already there (a retry). */
  async insert(row: Punch): Promise<boolean> {
    const out = await this.inserts.push(row);
    if (out instanceof Error) throw out;
    return out;
  }

  private async loadAll(keys: LoadKey[]): Promise<PunchContext[]> {
    const out = new Map<string, PunchContext>();
    const groups = new Map<string, LoadKey[]>();
    for (const k of keys) groups.set(`${k.tenantId}|${k.date}`, [...(groups.get(`${k.tenantId}|${k.date}`) ?? []), k]);
    const c = (k: keyof Punch & string) => this.rows.col(k);
    for (const list of groups.values()) {
      const { tenantId, date } = list[0];
      const ids = [...new Set(list.map((k) => k.employeeId))];
      // Two independent reads, side by side (two pooled connections on MySQL); the day's leave of the whole tenant is
      // shared by every batch for a few seconds (LeaveToday).
      const [punches, leave] = await Promise.all([
        this.rows.select(this.core.ds.manager,
          `WHERE ${c('tenantId')} = ? AND ${c('employeeId')} IN (${ids.map(() => '?').join(', ')}) AND ${c('date')} >= ? AND ${c('date')} <= ?`,
          [tenantId, ...ids, addDays(date, -RECENT_DAYS), date], { index: 'PRIMARY' }),
        this.leaveToday.on(tenantId, date),
      ]);
      const byEmployee = groupBy(punches, (p) => p.employeeId);
      const recentOf = new Map(ids.map((id) => [id, (byEmployee.get(id) ?? []).sort((a, b) => +new Date(b.at) - +new Date(a.at))]));
      const own = (list: Punch[]) => list.find((p) => OWN_SOURCES.includes(p.source)) ?? null;
      const older = await this.latestOwn(tenantId, ids.filter((id) => !own(recentOf.get(id)!)));
      for (const id of ids) {
        const recent = recentOf.get(id)!;
        out.set(`${tenantId}|${id}|${date}`, { recent, leave: leave.get(id) ?? [], previous: own(recent) ?? older.get(id) ?? null });
      }
    }
    return keys.map((k) => out.get(`${k.tenantId}|${k.employeeId}|${k.date}`)!);
  }

  /**
   * Each person's latest punch of their own, any date. One statement finds each person's latest punched day (a
   * loose scan of ix_att_punch_day: one index probe per person, however long their history) and reads that day's
   * punches; a person whose latest day holds only 补卡 rows (no location) is looked up further back on their own.
   */
  private async latestOwn(tenantId: string, employeeIds: string[]): Promise<Map<string, Punch>> {
    const out = new Map<string, Punch>();
    const c = (k: keyof Punch & string) => this.rows.col(k);
    const table = this.core.ds.driver.escape('attendance_punches');
    const further: string[] = [];
    for (let i = 0; i < employeeIds.length; i += 500) {
      const part = employeeIds.slice(i, i + 500);
      const rows = await this.rows.select(this.core.ds.manager,
        `JOIN (SELECT ${c('employeeId')} AS e, MAX(${c('date')}) AS d FROM ${table}
          WHERE ${c('tenantId')} = ? AND ${c('employeeId')} IN (${part.map(() => '?').join(', ')}) GROUP BY ${c('employeeId')}) latest
         ON ${c('tenantId')} = ? AND ${c('employeeId')} = latest.e AND ${c('date')} = latest.d`,
        [tenantId, ...part, tenantId]);
      const byEmployee = groupBy(rows, (p) => p.employeeId);
      for (const [id, list] of byEmployee) {
        const own = list.filter((p) => OWN_SOURCES.includes(p.source)).sort((a, b) => +new Date(b.at) - +new Date(a.at))[0];
        if (own) out.set(id, own);
        else further.push(id);
      }
    }
    for (const [id, p] of await this.latestOwnOneByOne(tenantId, further)) out.set(id, p);
    return out;
  }

  /**
   * The same, per person: one statement of per-person `ORDER BY … LIMIT 1` parts (each walks ix_att_punch_day
   * backwards from the latest day and stops at the first own punch).
   */
  private async latestOwnOneByOne(tenantId: string, employeeIds: string[]): Promise<Map<string, Punch>> {
    const out = new Map<string, Punch>();
    const c = (k: keyof Punch & string) => this.rows.col(k);
    const sources = OWN_SOURCES.map(() => '?').join(', ');
    for (let i = 0; i < employeeIds.length; i += 100) {
      const part = employeeIds.slice(i, i + 100);
      const rows = await this.rows.selectUnion(this.core.ds.manager, part.map((id) => ({
        tail: `WHERE ${c('tenantId')} = ? AND ${c('employeeId')} = ? AND ${c('source')} IN (${sources}) ORDER BY ${c('date')} DESC, ${c('at')} DESC LIMIT 1`,
        params: [tenantId, id, ...OWN_SOURCES],
      })));
      for (const r of rows) out.set(r.employeeId, r);
    }
    return out;
  }

  /**
   * One INSERT for the batch. If the database refuses it for another reason than a duplicate key (one bad row must
   * not fail the punches it happened to travel with), each row is tried alone and answers for itself.
   */
  private async insertAll(rows: Punch[]): Promise<(boolean | Error)[]> {
    try {
      return await this.insertBatch(rows);
    } catch (err) {
      if (rows.length === 1) return [err as Error];
      const out: (boolean | Error)[] = [];
      for (const row of rows) out.push(await this.insertBatch([row]).then(([ok]) => ok, (e: Error) => e));
      return out;
    }
  }

  private async insertBatch(rows: Punch[]): Promise<boolean[]> {
    const c = (k: keyof Punch & string) => this.rows.col(k);
    if (rows.length === 1) {
      // Alone, a plain INSERT says it all: stored, or the key's duplicate-entry error.
      try {
        await rerunOnLockConflict(() => this.core.writeAlone((m) => this.rows.insert(m, rows[0])), ONE_LOCK_WAIT_RETRY);
        return [true];
      } catch (err) {
        if (isUniqueViolation(err)) return [false];
        throw err;
      }
    }
    const stored = await rerunOnLockConflict(() => this.core.writeAlone(async (m) => {
      // Every row went in (the usual case) when the database can say so (SQLite); else read back which ones did.
      if ((await this.rows.insertMany(m, rows, { ignoreDuplicates: true })) === rows.length) return new Set(rows.map((r) => r.id));
      const tenants = [...new Set(rows.map((r) => r.tenantId))];
      const back: { id: string }[] = await m.query(`SELECT ${c('id')} AS ${c('id')} FROM ${this.core.ds.driver.escape('attendance_punches')}
        WHERE ${c('tenantId')} IN (${tenants.map(() => '?').join(', ')}) AND ${c('id')} IN (${rows.map(() => '?').join(', ')})`, [...tenants, ...rows.map((r) => r.id)]);
      return new Set(back.map((r) => r.id));
    }), ONE_LOCK_WAIT_RETRY);
    return rows.map((r) => stored.has(r.id));
  }
}
