import { Injectable } from '@nestjs/common';
import { groupBy } from '../../common/group-by';
import { FastRows } from '../../database/fast-rows';
import { AttendanceCore, ResolvedGroup, Segment } from './attendance-core.service';
import { planDays } from './domain/day-plan';
import { DailyResult } from './entities';

/** People per statement. */
const CHUNK = 500;

export interface PersonRange {
  employeeId: string;
  /** First day asked for this person (e.g. the later of the range start and their hire date). */
  from: string;
}

type Person = { id: string; hireDate?: string | null };

/** Each person's first day asked for: the range start, or their hire date when later. */
export function personRanges(people: Person[], from: string): PersonRange[] {
  return people.map((p) => ({ employeeId: p.id, from: p.hireDate && p.hireDate > from ? p.hireDate : from }));
}

/** The people still employed on `from` or later: active, or left on or after it (the report's and closing's people). */
export function employedFrom<T extends { status: string; leftAt: Date | null }>(people: T[], from: string): T[] {
  return people.filter((p) => p.status === 'active' || (p.leftAt && new Date(p.leftAt).toISOString().slice(0, 10) >= from));
}

type Visit = (part: { people: PersonRange[]; rows: DailyResult[]; segments: Map<string, Segment[]> }) => Promise<void>;

/**
 * HR's lists and the monthly report over many people: the same results as `AttendanceCore.results` person by person
 * (each day under the group the person counted under then; which days are read and which computed: `planDays`),
 * read and computed for everyone together — groups, assignment history, stored rows, punches and leave with a few
 * statements per 500 people instead of several per person — and the final days that were missing or provisional
 * stored in multi-row upserts (a provisional one is not: every read computes it).
 */
@Injectable()
export class BulkResults {
  private resultRows?: FastRows<DailyResult>;

  constructor(private readonly core: AttendanceCore) {}

  /**
   * Results of from..to (up to today) of each person, and each person's counted ranges of from..to (future days
   * too; the report's 应出勤). A person with no current group counts under their earlier assignments only.
   */
  async results(tenantId: string, people: PersonRange[], to: string): Promise<{ rows: DailyResult[]; segments: Map<string, Segment[]> }> {
    const rows: DailyResult[] = [];
    const segments = new Map<string, Segment[]>();
    await this.each(tenantId, people, to, async (part) => {
      rows.push(...part.rows);
      for (const [id, segs] of part.segments) segments.set(id, segs);
    });
    return { rows, segments };
  }

  /**
   * `each` over those of the people who count under a group (now, or earlier: taken out of every group since) for some
   * day of from..to, each from the later of `from` and their hire date.
   */
  async eachCounted(tenantId: string, people: Person[], from: string, to: string, visit: Visit): Promise<void> {
    const counted = await this.core.countedPeople(tenantId, people.map((p) => p.id), from, to);
    await this.each(tenantId, personRanges(people.filter((p) => counted.has(p.id)), from), to, visit);
  }

  /** The same, 500 people at a time: `visit` gets each chunk's people, rows and counted ranges (memory stays per chunk). */
  async each(tenantId: string, people: PersonRange[], to: string, visit: Visit): Promise<void> {
    const core = this.core;
    const now = await core.now(tenantId);
    const last = to < now.date ? to : now.date;
    for (let i = 0; i < people.length; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK);
      const epoch = await core.resultEpoch(core.ds.manager, tenantId); // before this chunk's reads: see AttendanceCore.storeResults
      const groups = await core.groupsOfMany(tenantId, chunk.map((p) => p.employeeId));
      // Assignment history only for those whose range starts before their current membership (or who have none now).
      const needHistory = chunk.filter((p) => { const g = groups.get(p.employeeId); return !g || (!!g.since && p.from < g.since); }).map((p) => p.employeeId);
      const history = needHistory.length ? await core.assignmentHistory(tenantId, needHistory) : new Map();
      const segments = new Map<string, Segment[]>();
      for (const p of chunk) {
        segments.set(p.employeeId, p.from <= to ? await core.segmentsOf(tenantId, p.from, to, groups.get(p.employeeId) ?? null, history.get(p.employeeId) ?? []) : []);
      }
      await visit({ people: chunk, rows: await this.part(tenantId, chunk, segments, last, epoch), segments });
    }
  }

  /** One chunk of people: their stored rows of the range, the days to compute, one upsert of those to store. */
  private async part(tenantId: string, people: PersonRange[], segments: Map<string, Segment[]>, last: string, epoch: number): Promise<DailyResult[]> {
    const core = this.core;
    const clipped = new Map<string, Segment[]>();
    for (const p of people) {
      const segs = (segments.get(p.employeeId) ?? []).filter((s) => s.from <= last).map((s) => ({ ...s, to: s.to < last ? s.to : last }));
      if (segs.length) clipped.set(p.employeeId, segs);
    }
    if (!clipped.size) return [];
    const ids = [...clipped.keys()];
    const first = [...clipped.values()].flat().reduce((a, s) => (s.from < a ? s.from : a), last);
    const results = (this.resultRows ??= new FastRows(core.ds, DailyResult));
    const r = (k: keyof DailyResult & string) => results.col(k);
    const stored = groupBy(await results.select(core.ds.manager,
      `WHERE ${r('tenantId')} = ? AND ${r('employeeId')} IN (${ids.map(() => '?').join(', ')}) AND ${r('date')} >= ? AND ${r('date')} <= ?`,
      [tenantId, ...ids, first, last], { index: 'PRIMARY' }), (x) => x.employeeId);

    const out: DailyResult[] = [];
    const todo: { employeeId: string; date: string; g: ResolvedGroup; store: boolean }[] = [];
    for (const [employeeId, segs] of clipped) {
      const byDate = new Map((stored.get(employeeId) ?? []).map((x) => [x.date, x]));
      const { keep, compute } = planDays(segs, byDate, AttendanceCore.applies, (d) => core.dirty.has(tenantId, employeeId, d));
      out.push(...keep);
      for (const c of compute) todo.push({ employeeId, date: c.date, g: c.group, store: c.store });
    }
    if (!todo.length) return out;

    const at = new Date(); // before the reads: see AttendanceCore.upsertResults
    const outcomes = await core.outcomesOf(tenantId, todo.map((t) => ({ employeeId: t.employeeId, date: t.date, group: t.g })));
    const toStore: DailyResult[] = [];
    todo.forEach((t, i) => {
      const o = outcomes[i];
      if (!o) return;
      const row = core.resultRow(tenantId, t.employeeId, t.date, t.g.group.id, o, at);
      out.push(row);
      // A provisional day (today, shift not over) is computed by every read and never read back: not stored.
      if (t.store && !o.provisional) toStore.push(row);
    });
    if (toStore.length) await core.storeResults(core.ds.manager, tenantId, toStore, epoch);
    return out;
  }
}
