import type { LocationCheck, PunchResult, TodayView } from '@hrlink/shared';
import { resolveFileUrl, clockButton, formatDistance, isAnomaly, locationStatusText, punchResultMessage, statusTone, dayStatusesLabel, suggestedCorrectionKind } from './format';
import { IdempotencyKeeper, newIdempotencyKey } from './idempotency';
import { daysInMonth, monthGrid, shiftMonth, monthTitle } from './month';

describe('formatDistance', () => {
  it('metres below 1 km, kilometres to one decimal above', () => {
    expect(formatDistance(850)).toBe('850 米');
    expect(formatDistance(849.6)).toBe('850 米');
    expect(formatDistance(999)).toBe('999 米');
    expect(formatDistance(1000)).toBe('1 公里');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(12960)).toBe('13 公里');
    expect(formatDistance(-3)).toBe('0 米');
  });
});

const out: LocationCheck = { inRange: false, matchedBy: null, site: null, nearest: { id: 's1', name: '总部大厦', distanceMeters: 850 }, wifiMatched: null };
const inSite: LocationCheck = { inRange: true, matchedBy: 'site', site: { id: 's1', name: '总部大厦', distanceMeters: 42 }, nearest: { id: 's1', name: '总部大厦', distanceMeters: 42 }, wifiMatched: null };
const inWifi: LocationCheck = { inRange: true, matchedBy: 'wifi', site: null, nearest: out.nearest, wifiMatched: { ssid: 'HR-Office', bssid: 'a4:56:02:11:22:33' } };

describe('locationStatusText', () => {
  it('says where I am', () => {
    expect(locationStatusText(out)).toBe('不在打卡范围内（最近：总部大厦，850 米）');
    expect(locationStatusText({ ...out, nearest: { id: 's', name: '分部', distanceMeters: 1234 } })).toBe('不在打卡范围内（最近：分部，1.2 公里）');
    expect(locationStatusText(inSite)).toBe('已进入考勤范围：总部大厦（距离 42 米）');
    expect(locationStatusText(inWifi)).toBe('已连接考勤 Wi-Fi：HR-Office');
    expect(locationStatusText(null)).toBe('未获取到位置');
  });
});

describe('clockButton', () => {
  const base: Pick<TodayView, 'nextAction' | 'location' | 'allowField' | 'group'> = { nextAction: 'in', location: inSite, allowField: false, group: { id: 'g', name: '总部', kind: 'fixed' } };
  it('follows nextAction in range', () => {
    expect(clockButton(base, true)).toEqual({ action: 'in', label: '上班打卡' });
    expect(clockButton({ ...base, nextAction: 'out' }, true).label).toBe('下班打卡');
    expect(clockButton({ ...base, nextAction: 'update' }, true).label).toBe('更新打卡');
  });
  it('field when out of range and allowed, disabled with the reason otherwise', () => {
    expect(clockButton({ ...base, location: out, allowField: true }, true)).toEqual({ action: 'field', label: '外勤打卡' });
    const d = clockButton({ ...base, location: out }, true);
    expect(d.action).toBe('disabled');
    expect(d.reason).toContain('850 米');
    expect(clockButton(base, false).action).toBe('disabled');
    expect(clockButton({ ...base, group: null }, true).reason).toContain('考勤组');
  });
});

describe('punch results and statuses', () => {
  const punch = { id: 'p', at: '2026-11-23T01:12:00Z', kind: 'in' as const, source: 'site' as const, siteName: 'x', distanceMeters: 1, latitude: 0, longitude: 0, accuracy: 10, wifi: null, flags: [], remark: null, photoUrls: [] };
  const day = { date: '2026-11-23', employee: { id: 'e', name: 'n' }, statuses: ['late' as const], lateMinutes: 12, earlyMinutes: 0, workedMinutes: 0, leaveDays: 0, provisional: true, punches: [] };
  it('prefers the server message and derives one otherwise', () => {
    expect(punchResultMessage({ message: '迟到 12 分钟', punch, day } as unknown as PunchResult)).toBe('迟到 12 分钟');
    expect(punchResultMessage({ message: '', punch, day } as unknown as PunchResult)).toBe('迟到 12 分钟');
    expect(punchResultMessage({ message: '', punch: { ...punch, source: 'field' }, day } as unknown as PunchResult)).toBe('外勤');
    expect(punchResultMessage({ message: '', punch: { ...punch, kind: 'out' }, day: { ...day, statuses: ['early'], earlyMinutes: 30 } } as unknown as PunchResult)).toBe('早退 30 分钟');
    expect(punchResultMessage({ message: '', punch, day: { ...day, statuses: ['normal'] } } as unknown as PunchResult)).toBe('正常');
  });
  it('labels, tones, anomalies', () => {
    expect(dayStatusesLabel(['late', 'missing_out'])).toBe('迟到、下班缺卡');
    expect(statusTone(['normal'])).toBe('ok');
    expect(statusTone(['missing_in'])).toBe('bad');
    expect(statusTone(['late'])).toBe('warn');
    expect(statusTone(['leave'])).toBe('info');
    expect(statusTone(['rest'])).toBe('rest');
    expect(isAnomaly(['normal'])).toBe(false);
    expect(isAnomaly(['leave'])).toBe(false);
    expect(isAnomaly(['early'])).toBe(true);
    expect(isAnomaly(['absent'])).toBe(true);
    expect(isAnomaly(['rest'])).toBe(false);
    expect(suggestedCorrectionKind(['absent'])).toBe('in');
    expect(suggestedCorrectionKind(['missing_out'])).toBe('out');
    expect(suggestedCorrectionKind(['late'])).toBe('in');
  });
});

describe('IdempotencyKeeper', () => {
  let n = 0;
  const keeper = () => new IdempotencyKeeper(() => `k${++n}`);
  it('reuses the key after a network error, a new one after any answer', () => {
    n = 0;
    const k = keeper();
    const first = k.keyForTap();
    k.settle({ code: 'NETWORK_ERROR' });
    expect(k.keyForTap()).toBe(first);
    k.settle(null); // success
    const second = k.keyForTap();
    expect(second).not.toBe(first);
    k.settle({ code: 'ATTENDANCE_OUT_OF_RANGE' });
    expect(k.keyForTap()).not.toBe(second);
  });
  it('generates distinct random keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(200);
    expect(newIdempotencyKey(0, () => 0)).toBe('0-00000000000000000000000000000000');
  });
});

describe('monthGrid', () => {
  it('November 2026 starts on a Sunday: six leading blanks, 30 days', () => {
    const g = monthGrid('2026-11');
    expect(g[0].slice(0, 6).every((c) => c.date === null)).toBe(true);
    expect(g[0][6].date).toBe('2026-11-01');
    expect(g.flat().filter((c) => c.date).length).toBe(30);
    expect(g.length).toBe(6);
    expect(g[5][0].date).toBe('2026-11-30');
  });
  it('February in leap and common years; June 2026 starts on Monday', () => {
    expect(daysInMonth('2028-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(monthGrid('2026-06')[0][0].date).toBe('2026-06-01');
    expect(monthGrid('2021-02').length).toBe(4); // Feb 2021: Monday 1st, 28 days → exactly 4 rows
    expect(monthGrid('2026-02').length).toBe(5); // Feb 2026 starts on a Sunday
  });
  it('switches months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-11', 0)).toBe('2026-11');
    expect(monthTitle('2026-03')).toBe('2026年3月');
  });
});

describe('resolveFileUrl', () => {
  it('keeps absolute URLs and H5 relative ones; prefixes the API origin on mini hosts', () => {
    expect(resolveFileUrl('/api/files/x?t=1', '/api')).toBe('/api/files/x?t=1');
    expect(resolveFileUrl('/api/files/x?t=1', 'https://hr.example.com/api')).toBe('https://hr.example.com/api/files/x?t=1');
    expect(resolveFileUrl('https://s3.example.com/a.jpg', 'https://hr.example.com/api')).toBe('https://s3.example.com/a.jpg');
    expect(resolveFileUrl('files/x', 'http://127.0.0.1:3000/api/')).toBe('http://127.0.0.1:3000/api/files/x');
  });
});
