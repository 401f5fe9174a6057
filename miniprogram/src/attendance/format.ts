import { DAY_STATUS_NAMES, type DayStatus, type LocationCheck, type PunchResult, type TodayView } from '@hrlink/shared';

/** 850 → "850 米", 1234 → "1.2 公里" (metres rounded; kilometres to one decimal, no trailing .0). */
export function formatDistance(meters: number): string {
  const m = Math.max(0, Math.round(meters));
  if (m < 1000) return `${m} 米`;
  const km = Math.round(m / 100) / 10;
  return `${Number.isInteger(km) ? km.toFixed(0) : km.toFixed(1)} 公里`;
}

/** The location line of the 打卡 page. */
export function locationStatusText(check: LocationCheck | null): string {
  if (!check) return '未获取到位置';
  if (check.inRange) {
    if (check.matchedBy === 'wifi' && check.wifiMatched) return `已连接考勤 Wi-Fi：${check.wifiMatched.ssid}`;
    const s = check.site || check.nearest;
    if (s) return `已进入考勤范围：${s.name}（距离 ${formatDistance(s.distanceMeters)}）`;
    return '已进入考勤范围';
  }
  if (check.nearest) return `不在打卡范围内（最近：${check.nearest.name}，${formatDistance(check.nearest.distanceMeters)}）`;
  return '不在打卡范围内（考勤组未设置打卡地点）';
}

export type ClockAction = 'in' | 'out' | 'update' | 'field' | 'disabled';

export interface ClockButton {
  action: ClockAction;
  label: string;
  /** The kind sent to the server (field punches still say in/out via nextAction; server decides). */
  reason?: string;
}

const ACTION_LABELS: Record<'in' | 'out' | 'update', string> = { in: '上班打卡', out: '下班打卡', update: '更新打卡' };

/**
 * The big button: the server's nextAction when in range; 外勤打卡 when out of range and the group allows it;
 * otherwise disabled with the reason. `located` false = no usable location yet.
 */
export function clockButton(today: Pick<TodayView, 'nextAction' | 'location' | 'allowField' | 'group'>, located: boolean): ClockButton {
  if (!today.group) return { action: 'disabled', label: '无法打卡', reason: '你还没有加入考勤组，请联系 HR' };
  if (!located || !today.location) return { action: 'disabled', label: '无法打卡', reason: '需要先获取位置才能打卡' };
  if (today.location.inRange) return { action: today.nextAction, label: ACTION_LABELS[today.nextAction] };
  if (today.allowField) return { action: 'field', label: '外勤打卡' };
  return { action: 'disabled', label: '不在打卡范围内', reason: `${locationStatusText(today.location)}，且考勤组不允许外勤打卡` };
}

export function dayStatusName(s: DayStatus | string): string {
  return (DAY_STATUS_NAMES as Record<string, string>)[s] ?? s;
}

export function dayStatusesLabel(statuses: (DayStatus | string)[]): string {
  return statuses.length ? statuses.map(dayStatusName).join('、') : '—';
}

/** Colour class of a day cell: the most important status (the server sends them most important first). */
export function statusTone(statuses: (DayStatus | string)[]): 'ok' | 'warn' | 'bad' | 'info' | 'rest' | 'none' {
  const s = statuses[0];
  if (!s) return 'none';
  if (s === 'normal') return 'ok';
  if (s === 'late' || s === 'early' || s === 'serious_late') return 'warn';
  if (s === 'missing_in' || s === 'missing_out' || s === 'absent') return 'bad';
  if (s === 'leave' || s === 'field') return 'info';
  return 'rest';
}

/** 补卡 is offered for 缺卡 / 迟到 / 早退 days, and 旷工 (no punch at all = both punches missing); the server has the last word. */
export function isAnomaly(statuses: (DayStatus | string)[]): boolean {
  return statuses.some((s) => ['missing_in', 'missing_out', 'late', 'serious_late', 'early', 'absent'].includes(s));
}

/** Which punch a correction most likely fixes: a missing in / late → 上班, a missing out / early → 下班. */
export function suggestedCorrectionKind(statuses: (DayStatus | string)[]): 'in' | 'out' {
  if (['missing_in', 'late', 'serious_late', 'absent'].some((s) => statuses.includes(s))) return 'in';
  return 'out';
}

/** The message after a punch: the server's `message`, else derived from the day (正常 / 迟到 N 分钟 / 早退 / 外勤). */
export function punchResultMessage(r: Pick<PunchResult, 'message' | 'punch' | 'day'>): string {
  if (r.message) return r.message;
  if (r.punch.source === 'field') return '外勤';
  const st = r.day?.statuses ?? [];
  if (r.punch.kind === 'in' && (st.includes('late') || st.includes('serious_late'))) {
    return `${st.includes('serious_late') ? '严重迟到' : '迟到'} ${r.day.lateMinutes} 分钟`;
  }
  if (r.punch.kind === 'out' && st.includes('early')) return r.day.earlyMinutes ? `早退 ${r.day.earlyMinutes} 分钟` : '早退';
  return '正常';
}

export function punchTone(message: string): 'ok' | 'warn' | 'info' {
  if (/迟到|早退/.test(message)) return 'warn';
  if (/外勤/.test(message)) return 'info';
  return 'ok';
}

export const PUNCH_KIND_NAMES = { in: '上班', out: '下班' } as const;
export const PUNCH_SOURCE_NAMES: Record<string, string> = { site: '地点', wifi: 'Wi-Fi', field: '外勤', correction: '补卡' };
const FLAG_NAMES: Record<string, string> = {
  mock: '虚拟定位',
  low_accuracy: '定位精度低',
  impossible_travel: '位置异常跳变',
  device_change: '更换设备',
};
export function flagName(f: string): string {
  return FLAG_NAMES[f] ?? f;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:mm:ss of a local Date. */
export function clockText(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** HH:mm of an ISO instant in local time. */
export function hhmm(iso: string | null | undefined): string {
  if (!iso) return '--:--';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '--:--';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "31.23041, 121.47370" — the address placeholder when the host gives no address. */
export function coordsText(lat: number, lng: number): string {
  return `${lat.toFixed(5)}, ${lng.toFixed(5)}`;
}

/**
 * Photo URLs from the server may be root-relative ("/api/files/…?t=…"): fine in H5 (same origin), but the mini hosts
 * need an absolute URL — prefix the origin of the API base (HRLINK_API_BASE).
 */
export function resolveFileUrl(url: string, apiBase: string): string {
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return url;
  const m = /^(https?:\/\/[^/]+)/i.exec(apiBase);
  if (!m) return url;
  return url.startsWith('/') ? `${m[1]}${url}` : `${apiBase.replace(/\/$/, '')}/${url}`;
}
