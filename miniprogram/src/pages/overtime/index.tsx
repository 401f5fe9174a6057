import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '../../components/ui';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import ListFooter from '../../components/ListFooter';
import StatusPill from '../../components/StatusPill';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../approvals/labels';
import { dayKindLabel, fmtNum, overtimeStatusLabel, statusTone, weekdayLabel } from '../../leave/format';
import { fetchMyOvertime } from '../../services/leave';
import '../leave/leave.scss';

/** 我的加班: overtime requests with day kind, status and comp time granted; tap → approval detail. */
export default function OvertimeList() {
  const { state, reload, loadMore, more } = usePagedList((page) => fetchMyOvertime(page));

  return (
    <View className="page overtime">
      <HomeLink id="overtime-home" />
      <View id="overtime-list">
        {(state.phase === 'idle' || state.phase === 'loading') && <Loading id="overtime-loading" />}
        {state.phase === 'error' && state.error && <ErrorBlock id="overtime-list-error" error={state.error} onRetry={() => void reload()} />}
        {(state.phase === 'ready' || state.phase === 'refreshing') && state.list.items.length === 0 && (
          <Empty id="overtime-empty" text="你还没有加班申请" />
        )}
        {state.phase !== 'loading' &&
          state.phase !== 'error' &&
          state.list.items.map((o) => (
            <View
              key={o.id}
              className="card row overtime-row"
              data-id={o.id}
              data-status={o.status}
              data-day-kind={o.dayKind}
              onClick={() => {
                if (o.approvalInstanceId) void Taro.navigateTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(o.approvalInstanceId)}` });
              }}
            >
              <View className="row__head">
                <Text className="row__title">
                  {o.date} {weekdayLabel(o.date)} · {fmtNum(o.hours)} 小时
                </Text>
                <StatusPill status={o.status} label={overtimeStatusLabel(o.status)} tone={statusTone(o.status)} />
              </View>
              <Text>
                <Text className="overtime-day-kind">{dayKindLabel(o.dayKind)}</Text>
                {o.status === 'approved' && (
                  <Text className="overtime-comp">
                    {o.compHoursGranted > 0
                      ? ` · 已发放调休 ${fmtNum(o.compHoursGranted)} 小时${o.compExpiresOn ? `（${o.compExpiresOn} 过期）` : ''}`
                      : ' · 不发放调休'}
                  </Text>
                )}
              </Text>
              <View className="row__foot">
                <Text className="muted">{o.reason}</Text>
                <Text className="muted">{formatTime(o.createdAt)}</Text>
              </View>
            </View>
          ))}
        <ListFooter prefix="overtime" state={state} more={more} onMore={() => void loadMore()} />
      </View>
      <View className="bottom-bar">
        <Button id="overtime-new" type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/overtime/apply' })}>
          申请加班
        </Button>
      </View>
    </View>
  );
}
