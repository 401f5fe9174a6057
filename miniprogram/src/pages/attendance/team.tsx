import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { EmployeeProfile, FieldCheckinView, TeamTodayRow } from '@hrlink/shared';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { dayStatusesLabel, hhmm } from '../../attendance/format';
import { localDate } from '../../leave/format';
import { fetchTeamFieldCheckins, fetchTeamToday, fetchToday } from '../../services/attendance';
import { cachedProfile, fetchMe, toUiError, withSession, type UiError } from '../../services';
import { FieldRow } from './FieldRow';
import './attendance.scss';

function rowState(r: TeamTodayRow): string {
  if (r.onLeave) return 'leave';
  if (r.field) return 'field';
  if (r.statuses.includes('late') || r.statuses.includes('serious_late')) return 'late';
  if (r.firstIn) return 'in';
  return 'none';
}

/** 团队考勤 (managers): today's team and the team's field check-ins with photos. */
export default function TeamAttendancePage() {
  const [me, setMe] = useState<EmployeeProfile | null>(cachedProfile());
  const [rows, setRows] = useState<TeamTodayRow[] | null>(null);
  const [fields, setFields] = useState<FieldCheckinView[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const today = localDate();

  const load = async () => {
    setError(null);
    try {
      const p = await withSession(fetchMe);
      setMe(p);
      if (!p.isManager) return;
      // The server's date (its time zone), not the phone's; the phone's when that fails (e.g. no attendance group).
      const date = await withSession(() => fetchToday(null)).then((t) => t.date || today, () => today);
      const [r, f] = await Promise.all([withSession(fetchTeamToday), withSession(() => fetchTeamFieldCheckins(date))]);
      setRows(r);
      setFields(f);
    } catch (err) {
      setError(toUiError(err));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));

  const count = (s: string) => (rows || []).filter((r) => rowState(r) === s).length;
  return (
    <View className="page attendance team">
      <HomeLink id="attendance-home" />
      {error && <ErrorBlock id="team-error" error={error} onRetry={() => void load()} />}
      {!error && me && !me.isManager && <Empty id="team-not-manager" text="团队考勤仅对有下属的主管开放" />}
      {!error && (!me || (me.isManager && !rows)) && <Loading id="team-loading" />}
      {!error && me?.isManager && rows && (
        <>
          <View id="team-today" className="card" data-count={rows.length}>
            <Text className="section-title">
              今日团队（{rows.length} 人）· 已打卡 {rows.filter((r) => r.firstIn).length} · 迟到 {count('late')} · 请假 {count('leave')} · 外勤 {count('field')}
            </Text>
            {rows.length === 0 && <Text className="muted">没有下属</Text>}
            {rows.map((r) => (
              <View key={r.employee.id} className="team-row" data-employee-id={r.employee.id} data-state={rowState(r)}>
                <Text className="punch-row__time">{r.employee.name}</Text>
                <Text className="muted">
                  {r.onLeave ? '请假 · ' : ''}
                  {r.field ? '外勤 · ' : ''}
                  上班 {hhmm(r.firstIn)} · 下班 {hhmm(r.lastOut)} · {r.firstIn || r.onLeave ? dayStatusesLabel(r.statuses) : '未打卡'}
                </Text>
              </View>
            ))}
          </View>
          <View id="team-field" className="card" data-count={fields?.length ?? 0}>
            <Text className="section-title">今日外勤签到</Text>
            {fields && fields.length === 0 && <Text className="muted">今天没有外勤签到</Text>}
            {(fields || []).map((c) => (
              <FieldRow key={c.id} c={c} showName />
            ))}
          </View>
        </>
      )}
    </View>
  );
}
