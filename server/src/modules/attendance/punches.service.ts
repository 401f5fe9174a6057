import { Injectable } from '@nestjs/common';
import { ErrorCode, LocationCheck, PunchRequest, PunchResult, TodayView, DeviceLocation } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { ApprovalsService } from '../approvals/approvals.service';
import { FilesService } from '../files/files.service';
import { EmployeeStatusCache } from '../../common/auth/employee-status';
import { AttendanceCore, NO_FIGURES, ResolvedGroup } from './attendance-core.service';
import { PunchBatch } from './punch-batch';
import { DailyResultsWriter } from './results-writer';
import { nextPunchKind, punchMessage } from './domain/daily';
import { punchFlags } from './domain/flags';
import { checkLocation, normalizeBssid, SiteGeo } from './domain/geo';
import { DailyResult, Punch } from './entities';

/** A larger "accuracy" is no location at all (coarse IP fixes are tens of km); it is refused, not stored. */
const MAX_ACCURACY_M = 100_000;

/** How far in the future a client's location fix time may be (clock skew). */
const FUTURE_SKEW_MS = 2 * 60_000;


/** The employee's clock-in: today, location check, punch. */
@Injectable()
export class PunchesService {
  private readonly perPerson = new Map<string, Promise<PunchResult>>();

  constructor(
    private readonly core: AttendanceCore,
    private readonly engine: ApprovalsService,
    private readonly files: FilesService,
    private readonly writer: DailyResultsWriter,
    private readonly sessions: EmployeeStatusCache,
    private readonly batch: PunchBatch,
  ) {}

  async me(user: SessionUser): Promise<string> {
    return this.engine.actorEmployeeId(user);
  }

  async requireGroup(tenantId: string, employeeId: string): Promise<ResolvedGroup> {
    return this.needGroup(await this.core.groupOf(tenantId, employeeId));
  }

  /** The group, or ATTENDANCE_NO_GROUP. */
  needGroup(g: ResolvedGroup | null): ResolvedGroup {
    if (!g) throw new AppError(ErrorCode.ATTENDANCE_NO_GROUP, '你还没有加入任何考勤组，请联系人事将你加入考勤组后再打卡');
    return g;
  }

  /** Range checks the DTO cannot express as one error code. */
  validateLocation(loc: DeviceLocation & { locatedAt?: string | null }, now: Date): void {
    const fields: Record<string, string[]> = {};
    if (!Number.isFinite(loc.latitude) || loc.latitude < -90 || loc.latitude > 90) fields.latitude = ['纬度须在 -90 到 90 之间'];
    if (!Number.isFinite(loc.longitude) || loc.longitude < -180 || loc.longitude > 180) fields.longitude = ['经度须在 -180 到 180 之间'];
    if (!Number.isFinite(loc.accuracy) || loc.accuracy <= 0) fields.accuracy = ['定位精度须大于 0'];
    else if (loc.accuracy > MAX_ACCURACY_M) fields.accuracy = [`定位精度须在 ${MAX_ACCURACY_M} 米以内`];
    if (loc.locatedAt) {
      const t = Date.parse(loc.locatedAt);
      if (!Number.isFinite(t)) fields.locatedAt = ['定位时间格式不正确'];
      else if (t > now.getTime() + FUTURE_SKEW_MS) fields.locatedAt = ['定位时间晚于当前时间，请校准手机时间'];
    }
    if (loc.wifi?.bssid && !normalizeBssid(loc.wifi.bssid)) fields.wifi = ['BSSID 格式不正确'];
    if (Object.keys(fields).length) throw new AppError(ErrorCode.ATTENDANCE_LOCATION_INVALID, '定位信息无效：' + Object.values(fields).flat().join('；'), { fields });
  }

  check(g: ResolvedGroup, loc: DeviceLocation): LocationCheck {
    const sites: SiteGeo[] = g.sites.map((s) => ({ id: s.id, name: s.name, latitude: Number(s.latitude), longitude: Number(s.longitude), radiusMeters: s.radiusMeters, wifi: s.wifi ?? [] }));
    return checkLocation(sites, loc);
  }

  async checkLocation(user: SessionUser, loc: DeviceLocation): Promise<LocationCheck> {
    const me = await this.me(user);
    const g = await this.requireGroup(user.tenantId, me);
    this.validateLocation(loc, this.core.clock.now());
    return this.check(g, loc);
  }

  async today(user: SessionUser, loc: DeviceLocation | null): Promise<TodayView> {
    const me = await this.me(user);
    const g = await this.requireGroup(user.tenantId, me);
    if (loc) this.validateLocation(loc, this.core.clock.now());
    const now = await this.core.now(user.tenantId);
    const cal = await this.core.calendar(user.tenantId);
    const [result] = await this.core.results(user.tenantId, me, now.date, now.date, g);
    const punches = await this.core.ds.getRepository(Punch).find({ where: { tenantId: user.tenantId, employeeId: me, date: now.date }, order: { at: 'ASC' } });
    const emp = (await this.core.refs(user.tenantId, [me])).get(me);
    return {
      date: now.date, group: { id: g.group.id, name: g.group.name, kind: g.group.kind }, shift: g.group.shift, workday: cal.isWorkingDay(now.date),
      punches: await Promise.all(punches.map((p) => this.core.punchView(user, p))), nextAction: nextPunchKind(punches).action,
      location: loc ? this.check(g, loc) : null, allowField: g.group.allowField, fieldRemarkRequired: g.group.fieldRemarkRequired,
      fieldPhotoRequired: g.group.fieldPhotoRequired, day: result ? await this.core.dayView(user, result, this.core.ref(emp, me), punches) : null,
    };
  }

  /**
   * The clock-in hot path (see bench/clock-in): cached group / zone / calendar / session, then the person's recent
   * punches (the day's, the previous one for the flags, a quick retry's key) and today's leave, then the INSERT — both
   * through PunchBatch, which shares them among punches arriving together. The day's outcome is computed in memory
   * for the answer; a final one (after the shift) is stored by DailyResultsWriter in batches, a provisional one is
   * not stored at all (reads compute provisional days); a parallel retry with the same key is skipped by the
   * unique index and answers the stored punch (duplicate).
   */
  async punch(user: SessionUser, input: PunchRequest): Promise<PunchResult> {
    // One person's punches run one after another in this process (a double tap must read the first before choosing
    // 上班 / 下班); different people's run side by side and share batches.
    const me = await this.me(user);
    const key = `${user.tenantId}:${me}`;
    const run = (this.perPerson.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => this.punchNow(user, me, input));
    this.perPerson.set(key, run);
    void run.finally(() => { if (this.perPerson.get(key) === run) this.perPerson.delete(key); }).catch(() => undefined);
    return run;
  }

  private async punchNow(user: SessionUser, me: string, input: PunchRequest): Promise<PunchResult> {
    const tenantId = user.tenantId;
    const now = await this.core.now(tenantId);
    // The group is looked up side by side with the punch reads: on a person's first punch of the day both are reads.
    const group = this.core.groupOf(tenantId, me);
    group.catch(() => undefined); // awaited below, unless a retry answers first
    // A retry answers the stored punch before anything about it is checked again (its new fix may be elsewhere).
    const { recent, leave, previous: prev } = await this.batch.load(tenantId, me, now.date);
    const retried = recent.find((p) => p.idempotencyKey === input.idempotencyKey);
    if (retried) return this.result(user, retried, true);
    const g = this.needGroup(await group);
    this.validateLocation(input, now.at);
    const loc = this.check(g, input);
    let source: Punch['source'];
    if (loc.inRange) source = loc.matchedBy === 'wifi' ? 'wifi' : 'site';
    else if (g.group.allowField && input.field) {
      source = 'field';
      if (g.group.fieldRemarkRequired && !input.remark?.trim()) throw new AppError(ErrorCode.ATTENDANCE_FIELD_REMARK_REQUIRED, '外勤打卡须填写备注');
      if (g.group.fieldPhotoRequired && !input.photoFileIds?.length) throw new AppError(ErrorCode.ATTENDANCE_FIELD_PHOTO_REQUIRED, '外勤打卡须拍照');
    } else {
      const n = loc.nearest;
      const msg = n ? `不在打卡范围内（距最近的 ${n.name} ${n.distanceMeters} 米）` : '不在打卡范围内（考勤组未设置打卡地点）';
      throw new AppError(ErrorCode.ATTENDANCE_OUT_OF_RANGE, g.group.allowField ? `${msg}，可选择外勤打卡` : msg,
        { nearest: n ? { name: n.name, distanceMeters: n.distanceMeters } : null, allowField: g.group.allowField });
    }
    const photoFileIds = input.photoFileIds ?? [];
    if (photoFileIds.length) await this.files.assertOwned(tenantId, me, photoFileIds);
    const day = recent.filter((p) => p.date === now.date);
    const flags = punchFlags({ at: now.at, latitude: input.latitude, longitude: input.longitude, accuracy: input.accuracy, isMock: input.isMock, deviceId: input.deviceId },
      prev ? { at: new Date(prev.at), latitude: prev.latitude, longitude: prev.longitude, accuracy: prev.accuracy, deviceId: prev.deviceId } : null);
    const matched = loc.site ?? null;
    const t = new Date();
    const row = Object.assign(new Punch(), {
      id: newId(), tenantId, employeeId: me, date: now.date, at: now.at, kind: nextPunchKind(day).kind, source,
      siteId: matched?.id ?? loc.nearest?.id ?? null, siteName: matched?.name ?? loc.nearest?.name ?? null,
      distanceMeters: matched?.distanceMeters ?? loc.nearest?.distanceMeters ?? null,
      latitude: input.latitude, longitude: input.longitude, accuracy: input.accuracy,
      wifi: input.wifi?.bssid ? { ssid: input.wifi.ssid ?? '', bssid: normalizeBssid(input.wifi.bssid)! } : null,
      flags, remark: input.remark?.trim() || null, photoFileIds, deviceId: input.deviceId ?? null, idempotencyKey: input.idempotencyKey,
      createdAt: t, updatedAt: t,
    });
    if (!(await this.batch.insert(row))) {
      // Its idempotency key was taken meanwhile (a parallel retry): answer the stored punch.
      const stored = await this.core.ds.getRepository(Punch).findOneByOrFail({ tenantId, employeeId: me, idempotencyKey: input.idempotencyKey });
      return this.result(user, stored, true);
    }
    const punches = [...day, row].sort((a, b) => +new Date(a.at) - +new Date(b.at));
    const o = this.core.outcome(g, await this.core.calendar(tenantId), now, now.date, punches, leave);
    // A provisional day is never read from its stored row (reads compute it): only a final one needs storing.
    if (o && !o.provisional) this.writer.mark({ tenantId, employeeId: me, date: now.date });
    const who = await this.sessions.lookup(tenantId, me);
    const employee = { id: me, name: who.name ?? '未知员工', title: who.title };
    const view = await this.core.dayView(user, { date: now.date, employeeId: me, ...(o ?? NO_FIGURES) }, employee, punches);
    return { punch: view.punches.find((v) => v.id === row.id)!, duplicate: false, day: view, message: punchMessage(view, row.kind, row.source) };
  }

  /** The answer for a retried punch: the stored punch and its day as it stands. */
  private async result(user: SessionUser, p: Punch, duplicate: boolean): Promise<PunchResult> {
    const tenantId = user.tenantId;
    const r = (await this.core.results(tenantId, p.employeeId, p.date, p.date))[0]
      ?? (await this.core.ds.getRepository(DailyResult).findOneBy({ tenantId, employeeId: p.employeeId, date: p.date }));
    const punches = r ? await this.core.ds.getRepository(Punch).find({ where: { tenantId, employeeId: p.employeeId, date: p.date } }) : [];
    const emp = (await this.core.refs(tenantId, [p.employeeId])).get(p.employeeId);
    const day = await this.core.dayView(user, r ?? { date: p.date, employeeId: p.employeeId, ...NO_FIGURES }, this.core.ref(emp, p.employeeId), punches);
    return { punch: await this.core.punchView(user, p), duplicate, day, message: punchMessage(day, p.kind, p.source) };
  }
}
