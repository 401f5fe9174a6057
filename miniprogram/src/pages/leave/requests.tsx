import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '../../components/ui';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import ListFooter from '../../components/ListFooter';
import StatusPill from '../../components/StatusPill';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../approvals/labels';
import { fmtAmount, leaveStatusLabel, spanLabel, statusTone } from '../../leave/format';
import { fetchMyLeaveRequests } from '../../services/leave';
import './leave.scss';

/** 我的申请: my leave requests, newest first, with status; tap → detail. */
export default function LeaveRequests() {
  const { state, reload, loadMore, more } = usePagedList((page) => fetchMyLeaveRequests(page));

  return (
    <View className="page leave-requests">
      <HomeLink id="leave-home" />
      <View id="leave-requests-list">
        {(state.phase === 'idle' || state.phase === 'loading') && <Loading id="leave-requests-loading" />}
        {state.phase === 'error' && state.error && (
          <ErrorBlock id="leave-requests-error" error={state.error} onRetry={() => void reload()} />
        )}
        {(state.phase === 'ready' || state.phase === 'refreshing') && state.list.items.length === 0 && (
          <Empty id="leave-requests-empty" text="你还没有请假申请" />
        )}
        {state.phase !== 'loading' &&
          state.phase !== 'error' &&
          state.list.items.map((r) => (
            <View
              key={r.id}
              className="card row leave-request-row"
              data-id={r.id}
              data-status={r.status}
              onClick={() => void Taro.navigateTo({ url: `/pages/leave/detail?id=${encodeURIComponent(r.id)}` })}
            >
              <View className="row__head">
                <Text className="row__title">
                  {r.leaveType.name} · {fmtAmount(r.amount, r.unit)}
                </Text>
                <StatusPill status={r.status} label={leaveStatusLabel(r.status)} tone={statusTone(r.status)} />
              </View>
              <Text>{spanLabel(r.start, r.end)}</Text>
              <View className="row__foot">
                <Text className="muted">{r.reason}</Text>
                <Text className="muted">{formatTime(r.createdAt)}</Text>
              </View>
            </View>
          ))}
        <ListFooter prefix="leave-requests" state={state} more={more} onMore={() => void loadMore()} />
      </View>
      <View className="bottom-bar">
        <Button id="leave-requests-new" type="primary" block onClick={() => void Taro.navigateTo({ url: '/pages/leave/apply' })}>
          请假
        </Button>
      </View>
    </View>
  );
}
