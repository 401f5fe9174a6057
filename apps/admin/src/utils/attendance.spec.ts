import type { MonthlyReportRow } from '@hrlink/shared';
import {
  DEFAULT_SHIFT,
  NEW_GROUP,
  NEW_SITE,
  clampRadius,
  dayStatusLabel,
  flagLabel,
  formatCoord,
  groupErrors,
  groupRequest,
  minHoursError,
  normalizeBssid,
  radiusError,
  reportColumns,
  shiftErrors,
  shiftHours,
  siteErrors,
  siteRequest,
  toMinutes,
  wifiErrors,
} from './attendance';

describe('shift validation', () => {
  it('accepts 09:00–18:00 with lunch 12:00–13:00, grace 5 < serious 30 < absent 120', () => {
    expect(shiftErrors(DEFAULT_SHIFT)).toEqual({});
    expect(shiftHours(DEFAULT_SHIFT)).toBe(8);
  });

  it('parses HH:mm strictly', () => {
    expect(toMinutes('09:30')).toBe(570);
    expect(toMinutes('23:59')).toBe(1439);
    expect(toMinutes('24:00')).toBeNull();
    expect(toMinutes('9:30')).toBeNull();
  });

  it('end must be after start (no overnight shifts)', () => {
    expect(shiftErrors({ ...DEFAULT_SHIFT, start: '18:00', end: '09:00' }).end).toBe('下班时间必须晚于上班时间');
    expect(shiftErrors({ ...DEFAULT_SHIFT, start: '09:00', end: '09:00' }).end).toBe('下班时间必须晚于上班时间');
  });

  it('lunch inside the shift, both ends or none', () => {
    expect(shiftErrors({ ...DEFAULT_SHIFT, lunchStart: '08:30', lunchEnd: '09:30' }).lunch).toBe('午休必须在上下班时间之内');
    expect(shiftErrors({ ...DEFAULT_SHIFT, lunchStart: '17:30', lunchEnd: '18:00' }).lunch).toBe('午休必须在上下班时间之内');
    expect(shiftErrors({ ...DEFAULT_SHIFT, lunchStart: '13:00', lunchEnd: '12:00' }).lunch).toBe('午休结束必须晚于午休开始');
    expect(shiftErrors({ ...DEFAULT_SHIFT, lunchStart: '12:00', lunchEnd: null }).lunch).toBe('午休开始和结束都要填写（或都不填）');
    const noLunch = { ...DEFAULT_SHIFT, lunchStart: null, lunchEnd: null };
    expect(shiftErrors(noLunch)).toEqual({});
    expect(shiftHours(noLunch)).toBe(9);
  });

  it('thresholds strictly ordered grace < serious < absent, absent within the shift', () => {
    expect(shiftErrors({ ...DEFAULT_SHIFT, graceMinutes: 30, seriousLateMinutes: 30 }).seriousLateMinutes).toBe('严重迟到分钟数必须大于弹性分钟数');
    expect(shiftErrors({ ...DEFAULT_SHIFT, seriousLateMinutes: 60, absentAfterMinutes: 45 }).absentAfterMinutes).toBe('旷工分钟数必须大于严重迟到分钟数');
    expect(shiftErrors({ ...DEFAULT_SHIFT, start: '09:00', end: '11:00', lunchStart: null, lunchEnd: null, absentAfterMinutes: 121 }).absentAfterMinutes).toBe(
      '旷工分钟数不能超过班次时长',
    );
    expect(shiftErrors({ ...DEFAULT_SHIFT, graceMinutes: 2.5 }).graceMinutes).toBe('弹性分钟数为 0–120 的整数');
    expect(shiftErrors({ ...DEFAULT_SHIFT, graceMinutes: 121, seriousLateMinutes: 200, absentAfterMinutes: 300 }).graceMinutes).toBe('弹性分钟数为 0–120 的整数');
    expect(shiftErrors({ ...DEFAULT_SHIFT, start: '06:00', end: '22:00', seriousLateMinutes: 481, absentAfterMinutes: 600 }).seriousLateMinutes).toBe(
      '严重迟到分钟数为 1–480 的整数',
    );
    expect(shiftErrors({ ...DEFAULT_SHIFT, graceMinutes: 0 })).toEqual({});
  });

  it('free hours: 1–24 in half hours', () => {
    expect(minHoursError(8)).toBeNull();
    expect(minHoursError(1)).toBeNull();
    expect(minHoursError(24)).toBeNull();
    expect(minHoursError(7.5)).toBeNull();
    expect(minHoursError(0.5)).toBe('每日最少工时为 1–24 小时');
    expect(minHoursError(25)).toBe('每日最少工时为 1–24 小时');
    expect(minHoursError(7.3)).toBe('工时以 0.5 小时为单位');
  });
});

describe('group draft', () => {
  const draft = { ...NEW_GROUP, name: ' 研发 ', departments: [{ id: 'd1', name: '研发部' }] };

  it('needs a name and members; correction limits', () => {
    expect(groupErrors(draft)).toEqual({});
    const e = groupErrors({ ...NEW_GROUP, correction: { monthlyCap: 32, daysBack: 63, anomalies: [] } });
    expect(Object.keys(e).sort()).toEqual(['correction.anomalies', 'correction.daysBack', 'correction.monthlyCap', 'members', 'name']);
    expect(groupErrors({ ...draft, correction: { monthlyCap: 0, daysBack: 0, anomalies: [] } })).toEqual({});
  });

  it('shift errors are prefixed; free groups ignore the shift', () => {
    const bad = { ...draft, shift: { ...DEFAULT_SHIFT, end: '08:00' } };
    expect(groupErrors(bad)['shift.end']).toBe('下班时间必须晚于上班时间');
    expect(groupErrors({ ...bad, kind: 'free', minHours: 8 })).toEqual({});
  });

  it('maps to the request: free sends no shift, field flags off without field punches, no anomalies with cap 0', () => {
    const free = groupRequest({ ...draft, kind: 'free', minHours: 7.5, fieldPhotoRequired: true });
    expect(free).toMatchObject({ name: '研发', kind: 'free', shift: null, free: { minHours: 7.5 }, departmentIds: ['d1'], employeeIds: [] });
    expect(free.fieldRemarkRequired).toBe(false);
    expect(free.fieldPhotoRequired).toBe(false);
    const fixed = groupRequest({ ...draft, allowField: true, fieldPhotoRequired: true, correction: { monthlyCap: 0, daysBack: 5, anomalies: ['late'] } });
    expect(fixed.shift).toEqual(DEFAULT_SHIFT);
    expect(fixed.free).toBeNull();
    expect(fixed.fieldPhotoRequired).toBe(true);
    expect(fixed.correction).toEqual({ monthlyCap: 0, daysBack: 5, anomalies: [] });
  });
  it('生效日期: sent when set, left to the server (today) when empty; a malformed date is an error', () => {
    expect(groupRequest({ ...draft, effectiveFrom: '2026-11-18' }).effectiveFrom).toBe('2026-11-18');
    expect('effectiveFrom' in groupRequest(draft)).toBe(false);
    expect(groupErrors({ ...draft, effectiveFrom: '2026-13-01' }).effectiveFrom).toBe('生效日期格式为 YYYY-MM-DD');
    expect(groupErrors({ ...draft, effectiveFrom: '2026-11-18' })).toEqual({});
  });
});

describe('BSSID', () => {
  it('normalises the usual spellings to lower-case colon form', () => {
    expect(normalizeBssid('A4:56:02:11:22:3F')).toBe('a4:56:02:11:22:3f');
    expect(normalizeBssid(' a4-56-02-11-22-3f ')).toBe('a4:56:02:11:22:3f');
    expect(normalizeBssid('A45602112233')).toBe('a4:56:02:11:22:33');
    expect(normalizeBssid('a456.0211.2233')).toBe('a4:56:02:11:22:33');
  });

  it('refuses wrong lengths, mixed separators and non-hex', () => {
    expect(normalizeBssid('a4:56:02:11:22')).toBeNull();
    expect(normalizeBssid('a4:56-02:11:22:33')).toBeNull();
    expect(normalizeBssid('g4:56:02:11:22:33')).toBeNull();
    expect(normalizeBssid('a4:56:02:11:22:33:44')).toBeNull();
    expect(normalizeBssid('')).toBeNull();
  });

  it('wifi list: ssid required (≤ 32 bytes), duplicates after normalisation refused', () => {
    expect(wifiErrors([{ ssid: 'Office', bssid: 'a4:56:02:11:22:33' }])).toEqual([]);
    expect(
      wifiErrors([
        { ssid: 'Office', bssid: 'A4-56-02-11-22-33' },
        { ssid: 'Office-5G', bssid: 'a4:56:02:11:22:33' },
        { ssid: '', bssid: 'zz' },
        { ssid: '办公室无线网络十一个字', bssid: 'a4:56:02:11:22:34' },
      ]),
    ).toEqual([
      '第 2 个 Wi-Fi：BSSID 与第 1 个重复',
      '第 3 个 Wi-Fi：请输入名称（SSID）',
      '第 3 个 Wi-Fi：BSSID 应为 6 组十六进制，如 a4:56:02:11:22:33',
      '第 4 个 Wi-Fi：名称（SSID）不超过 32 字节',
    ]);
  });
});

describe('site', () => {
  const good = { ...NEW_SITE, name: '总部', latitude: 31.2304161, longitude: 121.4737009 };

  it('radius 100–3000 whole metres', () => {
    expect(radiusError(100)).toBeNull();
    expect(radiusError(3000)).toBeNull();
    expect(radiusError(99)).toBe('打卡范围为 100–3000 米');
    expect(radiusError(3001)).toBe('打卡范围为 100–3000 米');
    expect(radiusError(150.5)).toBe('打卡范围为整数米');
    expect(clampRadius(50)).toBe(100);
    expect(clampRadius(5000)).toBe(3000);
    expect(clampRadius(299.6)).toBe(300);
    expect(clampRadius(NaN)).toBe(300);
  });

  it('coordinates in range; 0,0 refused', () => {
    expect(siteErrors(good)).toEqual({});
    expect(siteErrors({ ...good, latitude: 90.1 }).latitude).toBe('纬度范围为 -90 到 90');
    expect(siteErrors({ ...good, longitude: -180.5 }).longitude).toBe('经度范围为 -180 到 180');
    expect(siteErrors({ ...good, latitude: null }).latitude).toBe('请输入纬度');
    expect(siteErrors({ ...good, latitude: 0, longitude: 0 }).latitude).toBe('经纬度不能都为 0');
  });

  it('request rounds to 6 decimals and normalises BSSIDs', () => {
    expect(siteRequest({ ...good, address: '  ', wifi: [{ ssid: ' Office ', bssid: 'A4-56-02-11-22-33' }] })).toEqual({
      name: '总部',
      address: null,
      latitude: 31.230416,
      longitude: 121.473701,
      radiusMeters: 300,
      wifi: [{ ssid: 'Office', bssid: 'a4:56:02:11:22:33' }],
    });
    expect(formatCoord(31.2304161, 121.4737009)).toBe('31.230416°N, 121.473701°E');
    expect(formatCoord(-33.8688, -70.5)).toBe('33.868800°S, 70.500000°W');
  });
});

describe('labels', () => {
  it('flags and statuses', () => {
    expect(['mock', 'low_accuracy', 'impossible_travel', 'device_change', 'new_flag'].map(flagLabel)).toEqual([
      '虚拟定位',
      '定位精度低',
      '异常位移',
      '更换设备',
      'new_flag',
    ]);
    expect(dayStatusLabel('late', 12)).toBe('迟到 12 分钟');
    expect(dayStatusLabel('serious_late', 45)).toBe('严重迟到 45 分钟');
    expect(dayStatusLabel('early', 0, 20)).toBe('早退 20 分钟');
    expect(dayStatusLabel('missing_out', 12, 20)).toBe('下班缺卡');
  });
});

describe('report columns', () => {
  const row = (name: string, leaveDays: Record<string, number>): MonthlyReportRow => ({
    employee: { id: name, name, employeeNo: 'E0007', departments: [{ id: 'd1', name: '研发部' }, { id: 'd2', name: '测试组' }] },
    month: '2026-11',
    workdays: 21,
    daysWorked: 19.5,
    lateCount: 2,
    lateMinutes: 17,
    seriousLateCount: 1,
    earlyCount: 1,
    earlyMinutes: 30,
    missingCount: 1,
    absentDays: 0.5,
    leaveDays,
    overtimeHours: 3.333,
    fieldDays: 2,
  });

  it('fixed columns in order, leave types as found, values mapped', () => {
    const rows = [row('张三', { 年假: 1 }), row('李四', { 病假: 0.5, 年假: 2 })];
    const cols = reportColumns(rows);
    expect(cols.map((c) => (c.group ? `${c.group}/${c.title}` : c.title))).toEqual([
      '姓名',
      '工号',
      '部门',
      '应出勤',
      '实出勤',
      '迟到/次数',
      '迟到/分钟',
      '严重迟到',
      '早退/次数',
      '早退/分钟',
      '缺卡',
      '旷工天数',
      '请假（天）/年假',
      '请假（天）/病假',
      '加班小时',
      '外勤天数',
    ]);
    const v = (key: string, r: MonthlyReportRow) => cols.find((c) => c.key === key)!.value(r);
    expect(v('department', rows[0])).toBe('研发部、测试组');
    expect(v('leave:病假', rows[0])).toBe(0);
    expect(v('leave:病假', rows[1])).toBe(0.5);
    expect(v('overtimeHours', rows[0])).toBe(3.33);
    expect(v('daysWorked', rows[0])).toBe(19.5);
    expect(reportColumns([]).length).toBe(14);
  });
});
