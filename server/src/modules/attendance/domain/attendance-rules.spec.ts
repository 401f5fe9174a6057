import type { FixedShift } from '@hrlink/shared';
import { computeDay, correctionNeeded, DayInput, DayPunch, expectedWindow, nextPunchKind, punchMessage } from './daily';
import { punchFlags } from './flags';
import { checkLocation, haversineMeters, normalizeBssid, SiteGeo } from './geo';
import { localParts, zonedInstant } from './time';

const TIANANMEN = { latitude: 39.9087, longitude: 116.3975 };
const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737 };

describe('haversine', () => {
  it('天安门 ↔ 上海人民广场 ≈ 1067 km (within 0.5%)', () => {
    const km = haversineMeters(TIANANMEN, PEOPLES_SQUARE) / 1000;
    expect(Math.abs(km - 1067) / 1067).toBeLessThan(0.005);
  });
  it('one degree of latitude ≈ 111.2 km; same point = 0; symmetric', () => {
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, -1);
    expect(haversineMeters(PEOPLES_SQUARE, PEOPLES_SQUARE)).toBe(0);
    expect(haversineMeters(TIANANMEN, PEOPLES_SQUARE)).toBeCloseTo(haversineMeters(PEOPLES_SQUARE, TIANANMEN), 6);
  });
  it('0.001° of latitude ≈ 111 m', () => {
    expect(Math.round(haversineMeters(PEOPLES_SQUARE, { latitude: 31.2314, longitude: 121.4737 }))).toBe(111);
  });
});

describe('checkLocation', () => {
  const hq: SiteGeo = { id: 's1', name: '总部', ...PEOPLES_SQUARE, radiusMeters: 300, wifi: [{ ssid: 'Office', bssid: 'a4:56:02:11:22:33' }] };
  const bj: SiteGeo = { id: 's2', name: '北京分部', ...TIANANMEN, radiusMeters: 500, wifi: [] };
  it('inside a radius: in range by site, nearest is that site', () => {
    const r = checkLocation([bj, hq], { latitude: 31.2320, longitude: 121.4737 });
    expect(r).toMatchObject({ inRange: true, matchedBy: 'site', site: { id: 's1', distanceMeters: 178 }, nearest: { id: 's1', distanceMeters: 178 } });
  });
  it('outside every radius: refused with the nearest site and distance', () => {
    const r = checkLocation([bj, hq], { latitude: 31.2404, longitude: 121.4737 });
    expect(r).toMatchObject({ inRange: false, matchedBy: null, site: null, nearest: { id: 's1', name: '总部', distanceMeters: 1112 } });
  });
  it('BSSID match far from the site counts (case-insensitive, dashes ok)', () => {
    const r = checkLocation([hq], { latitude: 31.30, longitude: 121.4737, wifi: { ssid: 'x', bssid: 'A4-56-02-11-22-33' } });
    expect(r.inRange).toBe(true);
    expect(r.matchedBy).toBe('wifi');
    expect(r.wifiMatched).toEqual({ ssid: 'Office', bssid: 'a4:56:02:11:22:33' });
    expect(r.nearest!.distanceMeters).toBeGreaterThan(7000);
  });
  it('a different BSSID does not count; no sites → no nearest', () => {
    expect(checkLocation([hq], { latitude: 31.30, longitude: 121.4737, wifi: { ssid: 'Office', bssid: 'a4:56:02:11:22:34' } }).inRange).toBe(false);
    expect(checkLocation([], PEOPLES_SQUARE)).toEqual({ inRange: false, matchedBy: null, site: null, nearest: null, wifiMatched: null });
  });
  it('normalizeBssid', () => {
    expect(normalizeBssid('AA:BB:CC:DD:EE:FF')).toBe('aa:bb:cc:dd:ee:ff');
    expect(normalizeBssid('aa:bb:cc:dd:ee')).toBeNull();
    expect(normalizeBssid('zz:bb:cc:dd:ee:ff')).toBeNull();
  });
});

describe('punchFlags', () => {
  const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`);
  const base = { latitude: 31.2304, longitude: 121.4737, accuracy: 20, deviceId: 'd1' };
  it('mock and accuracy > 100 m', () => {
    expect(punchFlags({ ...base, at: at('09:00'), isMock: true, accuracy: 101 }, null)).toEqual(['mock', 'low_accuracy']);
    expect(punchFlags({ ...base, at: at('09:00'), accuracy: 100 }, null)).toEqual([]);
  });
  it('impossible travel: Shanghai → Beijing in 2 h (533 km/h) flagged; in 8 h (133 km/h) not', () => {
    const prev = { ...base, at: at('07:00') };
    expect(punchFlags({ ...TIANANMEN, accuracy: 20, deviceId: 'd1', at: at('09:00') }, prev)).toEqual(['impossible_travel']);
    expect(punchFlags({ ...TIANANMEN, accuracy: 20, deviceId: 'd1', at: at('15:00') }, { ...base, at: at('07:00') })).toEqual([]);
  });
  it('small jitter is never travel; device change vs the previous punch', () => {
    expect(punchFlags({ ...base, latitude: 31.2334, at: at('09:00') }, { ...base, at: at('08:59') })).toEqual([]);
    expect(punchFlags({ ...base, deviceId: 'd2', at: at('18:00') }, { ...base, at: at('09:00') })).toEqual(['device_change']);
    expect(punchFlags({ ...base, deviceId: null, at: at('18:00') }, { ...base, at: at('09:00') })).toEqual([]);
  });
});

describe('time', () => {
  it('local parts and zoned instants in Asia/Shanghai', () => {
    expect(localParts(new Date('2026-12-01T01:05:30Z'), 'Asia/Shanghai')).toEqual({ date: '2026-12-01', minutes: 9 * 60 + 5.5 });
    expect(localParts(new Date('2026-12-01T17:00:00Z'), 'Asia/Shanghai').date).toBe('2026-12-02');
    // Offsets are cached per quarter hour: across a DST change, a +5:30 zone and a 30-minute DST shift they stay exact.
    expect(localParts(new Date('2026-03-08T06:59:59Z'), 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 60 + 59 + 59 / 60 });
    expect(localParts(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual({ date: '2026-03-08', minutes: 3 * 60 });
    expect(localParts(new Date('2026-06-30T18:29:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-06-30', minutes: 23 * 60 + 59 });
    expect(localParts(new Date('2026-06-30T18:30:00Z'), 'Asia/Kolkata')).toEqual({ date: '2026-07-01', minutes: 0 });
    expect(localParts(new Date('2026-10-03T15:29:00Z'), 'Australia/Lord_Howe').minutes).toBe(1 * 60 + 59);
    expect(localParts(new Date('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe').minutes).toBe(2 * 60 + 30);
    expect(localParts(new Date('2026-12-01T01:05:30.900Z'), 'Asia/Shanghai').minutes).toBe(9 * 60 + 5.5);
    expect(zonedInstant('2026-12-01', '09:00', 'Asia/Shanghai').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('computeDay (fixed 09:00–18:00, lunch 12–13, grace 5, serious 30, absent 120)', () => {
  const shift: FixedShift = { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 };
  const t = (s: string) => { const [h, m] = s.split(':').map(Number); return h * 60 + m; };
  const p = (inAt: string | null, outAt: string | null, source: DayPunch['source'] = 'site'): DayPunch[] => [
    ...(inAt ? [{ minutes: t(inAt), kind: 'in' as const, source }] : []), ...(outAt ? [{ minutes: t(outAt), kind: 'out' as const, source }] : []),
  ];
  const day = (over: Partial<DayInput>) => computeDay({ workday: true, kind: 'fixed', shift, free: null, punches: [], leave: [], nowMinutes: null, ...over });

  it('on time within grace: normal, 8 h worked', () => {
    expect(day({ punches: p('09:05', '18:00') })).toMatchObject({ statuses: ['normal'], lateMinutes: 0, earlyMinutes: 0, workedMinutes: 475 });
    expect(day({ punches: p('08:50', '18:00') }).workedMinutes).toBe(490);
  });
  it('late past grace counts from the shift start; serious late; absent', () => {
    expect(day({ punches: p('09:06', '18:00') })).toMatchObject({ statuses: ['late'], lateMinutes: 6 });
    expect(day({ punches: p('09:31', '18:00') })).toMatchObject({ statuses: ['serious_late'], lateMinutes: 31 });
    expect(day({ punches: p('09:30', '18:00') })).toMatchObject({ statuses: ['late'], lateMinutes: 30 });
    expect(day({ punches: p('11:01', '18:00') })).toMatchObject({ statuses: ['absent'], lateMinutes: 121 });
  });
  it('early leave; leaving over the absent threshold early is absent', () => {
    expect(day({ punches: p('09:00', '17:45') })).toMatchObject({ statuses: ['early'], earlyMinutes: 15, workedMinutes: 465 });
    expect(day({ punches: p('09:00', '15:59') })).toMatchObject({ statuses: ['absent'], earlyMinutes: 121 });
  });
  it('missing in / out; no punch at all = absent', () => {
    expect(day({ punches: p(null, '18:00') }).statuses).toEqual(['missing_in']);
    expect(day({ punches: p('08:55', null) }).statuses).toEqual(['missing_out']);
    expect(day({ punches: p('09:10', null) }).statuses).toEqual(['late', 'missing_out']);
    expect(day({}).statuses).toEqual(['absent']);
  });
  it('a later out punch replaces the earlier one', () => {
    expect(day({ punches: [...p('09:00', '17:00'), { minutes: t('18:02'), kind: 'out', source: 'site' }] }).statuses).toEqual(['normal']);
  });
  it('morning leave: expected start after lunch; afternoon leave: expected end at lunch', () => {
    const am = day({ leave: [{ amount: 0.5, unit: 'day', half: 'am' }], punches: p('13:03', '18:00') });
    expect(am).toMatchObject({ statuses: ['leave'], lateMinutes: 0, leaveDays: 0.5 });
    expect(day({ leave: [{ amount: 0.5, unit: 'day', half: 'am' }], punches: p('13:20', '18:00') })).toMatchObject({ statuses: ['late', 'leave'], lateMinutes: 20 });
    expect(day({ leave: [{ amount: 0.5, unit: 'day', half: 'pm' }], punches: p('09:00', '12:00') })).toMatchObject({ statuses: ['leave'], earlyMinutes: 0, workedMinutes: 180 });
    expect(day({ leave: [{ amount: 0.5, unit: 'day', half: 'pm' }], punches: p('09:00', '11:30') })).toMatchObject({ statuses: ['early', 'leave'], earlyMinutes: 30 });
  });
  it('hourly leave at the start moves the expected start', () => {
    expect(expectedWindow(shift, [{ amount: 2, unit: 'hour', startTime: '09:00', endTime: '11:00' }])).toEqual({ start: t('11:00'), end: t('18:00'), leaveDays: 0.25 });
    expect(day({ leave: [{ amount: 2, unit: 'hour', startTime: '09:00', endTime: '11:00' }], punches: p('11:00', '18:00') }).statuses).toEqual(['leave']);
  });
  it('full-day leave: leave, whatever the punches', () => {
    expect(day({ leave: [{ amount: 1, unit: 'day' }] })).toMatchObject({ statuses: ['leave'], leaveDays: 1 });
    expect(day({ leave: [{ amount: 0.5, unit: 'day', half: 'am' }, { amount: 0.5, unit: 'day', half: 'pm' }] }).statuses).toEqual(['leave']);
  });
  it('field punches add 外勤', () => {
    expect(day({ punches: p('09:00', '18:00', 'field') }).statuses).toEqual(['field']);
    expect(day({ punches: p('09:20', '18:00', 'field') }).statuses).toEqual(['late', 'field']);
  });
  it('rest day: no punches = rest; punches on a rest day = normal; a 调休 Saturday marked workday is judged like any workday', () => {
    expect(day({ workday: false }).statuses).toEqual(['rest']);
    expect(day({ workday: false, punches: p('10:00', '15:00') })).toMatchObject({ statuses: ['rest'], workedMinutes: 240 });
    expect(punchMessage(day({ workday: false, punches: p('10:00', '15:00') }), 'in', 'site')).toBe('休息日打卡');
    expect(day({ workday: true }).statuses).toEqual(['absent']);
    expect(day({ workday: true, punches: p('09:40', '18:00') }).statuses).toEqual(['serious_late']);
  });
  it('today before the shift ends is provisional: no missing out yet; missing in once past start + grace', () => {
    expect(day({ nowMinutes: t('08:30') })).toMatchObject({ statuses: ['normal'], provisional: true });
    expect(day({ nowMinutes: t('09:10') })).toMatchObject({ statuses: ['missing_in'], provisional: true });
    expect(day({ nowMinutes: t('10:00'), punches: p('09:12', null) })).toMatchObject({ statuses: ['late'], lateMinutes: 12, provisional: true });
    expect(day({ nowMinutes: t('17:00'), punches: p('09:00', '17:00') })).toMatchObject({ statuses: ['early'], earlyMinutes: 60, provisional: true });
    expect(day({ nowMinutes: t('18:30'), punches: p('09:00', null) })).toMatchObject({ statuses: ['missing_out'], provisional: false });
  });
});

describe('computeDay (free hours, min 8)', () => {
  const free = (punches: DayPunch[], over: Partial<DayInput> = {}) =>
    computeDay({ workday: true, kind: 'free', shift: null, free: { minHours: 8 }, punches, leave: [], nowMinutes: null, ...over });
  it('meets the minimum = normal, short = early by the deficit, none = absent, no out = missing out', () => {
    expect(free([{ minutes: 600, kind: 'in', source: 'site' }, { minutes: 1080, kind: 'out', source: 'site' }])).toMatchObject({ statuses: ['normal'], workedMinutes: 480 });
    expect(free([{ minutes: 600, kind: 'in', source: 'site' }, { minutes: 1050, kind: 'out', source: 'site' }])).toMatchObject({ statuses: ['early'], earlyMinutes: 30 });
    expect(free([]).statuses).toEqual(['absent']);
    expect(free([{ minutes: 600, kind: 'in', source: 'site' }]).statuses).toEqual(['missing_out']);
  });
  it('half-day leave halves the minimum; today is provisional all day', () => {
    expect(free([{ minutes: 600, kind: 'in', source: 'site' }, { minutes: 840, kind: 'out', source: 'site' }], { leave: [{ amount: 0.5, unit: 'day', half: 'am' }] }))
      .toMatchObject({ statuses: ['leave'], workedMinutes: 240 });
    expect(free([], { nowMinutes: 1200 })).toMatchObject({ statuses: ['normal'], provisional: true });
  });
});

describe('messages, corrections, next punch', () => {
  const shift: FixedShift = { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 };
  const d = (punches: DayPunch[]) => computeDay({ workday: true, kind: 'fixed', shift, free: null, punches, leave: [], nowMinutes: null });
  const rules = { monthlyCap: 3, daysBack: 31, anomalies: ['missing', 'late', 'early'] as ('missing' | 'late' | 'early')[] };
  it('messages', () => {
    expect(punchMessage(d([{ minutes: 552, kind: 'in', source: 'site' }]), 'in', 'site')).toBe('迟到 12 分钟');
    expect(punchMessage(d([{ minutes: 1020, kind: 'out', source: 'site' }]), 'out', 'site')).toBe('早退 60 分钟');
    expect(punchMessage(d([{ minutes: 540, kind: 'in', source: 'field' }]), 'in', 'field')).toBe('外勤');
    expect(punchMessage(d([{ minutes: 540, kind: 'in', source: 'site' }]), 'in', 'site')).toBe('正常');
  });
  it('a correction is needed only for an anomaly the rules allow', () => {
    const missingOut = d([{ minutes: 540, kind: 'in', source: 'site' }]);
    expect(correctionNeeded(missingOut, 'out', rules)).toBe(true);
    expect(correctionNeeded(missingOut, 'in', rules)).toBe(false);
    const late = d([{ minutes: 560, kind: 'in', source: 'site' }, { minutes: 1080, kind: 'out', source: 'site' }]);
    expect(correctionNeeded(late, 'in', rules)).toBe(true);
    expect(correctionNeeded(late, 'in', { ...rules, anomalies: ['missing'] })).toBe(false);
  });
  it('first punch is in, then out, then update', () => {
    expect(nextPunchKind([])).toEqual({ kind: 'in', action: 'in' });
    expect(nextPunchKind([{ kind: 'in' }])).toEqual({ kind: 'out', action: 'out' });
    expect(nextPunchKind([{ kind: 'in' }, { kind: 'out' }])).toEqual({ kind: 'out', action: 'update' });
  });
});
