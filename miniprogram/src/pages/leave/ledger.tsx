import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import ListFooter from '../../components/ListFooter';
import { usePagedList } from '../../components/usePagedList';
import { formatTime } from '../../approvals/labels';
import { fmtSigned, ledgerKindLabel, unitLabel } from '../../leave/format';
import { fetchLedger } from '../../services/leave';
import './leave.scss';

/** Ledger of one leave type: kind, amount (+/−), reason, time; paged. */
export default function LeaveLedger() {
  const { params } = useRouter();
  const typeId = params.leaveTypeId ? decodeURIComponent(params.leaveTypeId) : '';
  const name = params.name ? decodeURIComponent(params.name) : '';
  const { state, reload, loadMore, more } = usePagedList((page) => fetchLedger(typeId, page));

  return (
    <View className="page leave-ledger">
      <HomeLink id="leave-home" />
      {name && <Text className="section-title">{name} · 余额明细</Text>}
      <View id="ledger-list">
        {(state.phase === 'idle' || state.phase === 'loading') && <Loading id="ledger-loading" />}
        {state.phase === 'error' && state.error && <ErrorBlock id="ledger-error" error={state.error} onRetry={() => void reload()} />}
        {(state.phase === 'ready' || state.phase === 'refreshing') && state.list.items.length === 0 && (
          <Empty id="ledger-empty" text="暂无余额变动记录" />
        )}
        {state.phase !== 'loading' &&
          state.phase !== 'error' &&
          state.list.items.map((e) => (
            <View key={e.id} className="card row ledger-row" data-id={e.id} data-kind={e.kind}>
              <View className="row__head">
                <Text className="row__title">{ledgerKindLabel(e.kind)}</Text>
                <Text className={`ledger-amount ${e.amount >= 0 ? 'amount--plus' : 'amount--minus'}`}>
                  {fmtSigned(e.amount)} {unitLabel(e.unit)}
                </Text>
              </View>
              {e.reason && <Text className="ledger-reason">{e.reason}</Text>}
              <View className="row__foot">
                <Text className="muted">{formatTime(e.at)}</Text>
                <Text className="muted">
                  {e.actor ? `操作人：${e.actor.name}` : ''}
                  {e.expiresOn ? ` ${e.expiresOn} 过期` : ''}
                </Text>
              </View>
            </View>
          ))}
        <ListFooter prefix="ledger" state={state} more={more} onMore={() => void loadMore()} />
      </View>
    </View>
  );
}
