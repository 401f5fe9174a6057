import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { EmployeeProfile, TeamLeaveEntry } from '@hrlink/shared';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { localDate, monthDay, weekdayLabel } from '../../leave/format';
import { groupTeamByDay, weekOf, type TeamDayEntry } from '../../leave/team';
import { fetchTeamLeave } from '../../services/leave';
import { cachedProfile, fetchMe, toUiError, withSession, type UiError } from '../../services';
import './leave.scss';

function Person({ e }: { e: TeamDayEntry }) {
  return (
    <View className="team-person" data-employee-id={e.entry.employee.id} data-request-id={e.entry.requestId}>
      <Text>{e.entry.employee.name}</Text>
      <Text className="muted">
        {e.entry.leaveTypeName}
        {e.part ? ` · ${e.part}` : ''}
        {e.entry.status === 'pending' ? ' · 审批中' : ''}
      </Text>
    </View>
  );
}

/** 团队日历 (managers): who of my reports is off today and this week, grouped by day. */
export default function LeaveTeam() {
  const [me, setMe] = useState<EmployeeProfile | null>(cachedProfile());
  const [entries, setEntries] = useState<TeamLeaveEntry[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const today = localDate();
  const week = weekOf(today);

  const load = useCallback(async () => {
    setError(null);
    try {
      const profile = await withSession(fetchMe);
      setMe(profile);
      if (!profile.isManager) return;
      setEntries(await withSession(() => fetchTeamLeave(week.from, week.to)));
    } catch (err) {
      setError(toUiError(err));
    }
  }, [week.from, week.to]);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));

  const days = entries ? groupTeamByDay(entries, week.from, week.to) : [];
  const todays = days.find((d) => d.date === today)?.entries ?? [];

  return (
    <View className="page leave-team">
      <HomeLink id="leave-home" />
      {error && <ErrorBlock id="team-error" error={error} onRetry={() => void load()} />}
      {!error && me && !me.isManager && <Empty id="team-not-manager" text="团队日历仅对有下属的主管开放" />}
      {!error && (!me || (me.isManager && !entries)) && <Loading id="team-loading" />}
      {!error && me?.isManager && entries && (
        <>
          <View className="card">
            <Text className="section-title">
              今天 {monthDay(today)} {weekdayLabel(today)} 请假
            </Text>
            <View id="team-today" data-count={todays.length}>
              {todays.length === 0 ? <Text className="muted">今天没有人请假</Text> : todays.map((e) => <Person key={e.entry.requestId} e={e} />)}
            </View>
          </View>
          <View id="team-week" className="card">
            <Text className="section-title">
              本周 {monthDay(week.from)}–{monthDay(week.to)}
            </Text>
            {days.map((d) => (
              <View key={d.date} className={`team-day ${d.date === today ? 'team-day--today' : ''}`} data-date={d.date} data-count={d.entries.length}>
                <Text className="team-day__date">
                  {monthDay(d.date)} {weekdayLabel(d.date)}
                  {d.date === today ? '（今天）' : ''}
                </Text>
                {d.entries.length === 0 ? <Text className="muted">无人请假</Text> : d.entries.map((e) => <Person key={e.entry.requestId} e={e} />)}
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  );
}
