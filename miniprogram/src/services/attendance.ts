import {
  Routes,
  type CorrectionQuota,
  type CorrectionRequestInput,
  type CorrectionView,
  type FieldCheckinInput,
  type FieldCheckinView,
  type MonthView,
  type Page,
  type PunchRequest,
  type PunchResult,
  type TeamTodayRow,
  type TodayView,
  type WifiSpot,
} from '@hrlink/shared';
import { http } from './http';
import { itemsOf } from '../approvals/paging';

export interface TodayQuery {
  latitude: number;
  longitude: number;
  accuracy: number;
  isMock?: boolean;
  wifi?: WifiSpot | null;
}

/** GET /attendance/today?latitude&longitude&accuracy&ssid&bssid (location optional). */
export function fetchToday(loc?: TodayQuery | null) {
  const query = loc
    ? { latitude: loc.latitude, longitude: loc.longitude, accuracy: loc.accuracy, ssid: loc.wifi?.ssid || undefined, bssid: loc.wifi?.bssid || undefined, isMock: loc.isMock === undefined ? undefined : loc.isMock ? '1' : '0' }
    : undefined;
  return http.get<TodayView>(Routes.attendance.today, { query });
}

export function punch(body: PunchRequest) {
  return http.post<PunchResult>(Routes.attendance.punches, body);
}

export function fetchMonth(month: string) {
  return http.get<MonthView>(Routes.attendance.month, { query: { month } });
}

export function fetchCorrectionQuota(month?: string) {
  return http.get<CorrectionQuota>(Routes.attendance.correctionQuota, { query: { month } });
}

export function submitCorrection(body: CorrectionRequestInput) {
  return http.post<CorrectionView>(Routes.attendance.corrections, body);
}

export function submitFieldCheckin(body: FieldCheckinInput) {
  return http.post<FieldCheckinView>(Routes.attendance.fieldCheckins, body);
}

/** GET /attendance/field-checkins → my check-ins, newest first (a Page or a bare array). */
export async function fetchMyFieldCheckins(page = 1, pageSize = 50): Promise<FieldCheckinView[]> {
  const res = await http.get<Page<FieldCheckinView> | FieldCheckinView[]>(Routes.attendance.fieldCheckins, { query: { page, pageSize } });
  return itemsOf(res);
}

export async function fetchTeamToday(): Promise<TeamTodayRow[]> {
  const res = await http.get<Page<TeamTodayRow> | TeamTodayRow[]>(Routes.attendance.teamToday);
  return itemsOf(res);
}

export async function fetchTeamFieldCheckins(date: string): Promise<FieldCheckinView[]> {
  const res = await http.get<Page<FieldCheckinView> | FieldCheckinView[]>(Routes.attendance.teamFieldCheckins, { query: { date } });
  return itemsOf(res);
}
