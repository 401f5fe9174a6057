import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { LeaveBalanceView } from '@hrlink/shared';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { daysUntil, expiresSoon, fmtAmount, fmtNum, localDate, unitLabel } from '../../leave/format';
import { fetchBalances } from '../../services/leave';
import { toUiError, withSession, type UiError } from '../../services';
import './leave.scss';

/** 我的假期: available / pending / used per type; annual explanation; carried days and expiry. */
export default function LeaveBalances() {
  const [list, setList] = useState<LeaveBalanceView[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setList(await withSession(fetchBalances));
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));

  const today = localDate();

  return (
    <View className="page leave-balances">
      <HomeLink id="leave-home" />
      {loading && !list && <Loading id="balances-loading" />}
      {error && <ErrorBlock id="balances-error" error={error} onRetry={() => void load()} />}
      {list && list.length === 0 && !error && <Empty id="balances-empty" text="暂无假期余额" />}
      {list && !error && (
        <View id="balances-list">
          {list.map((b) => {
            const u = unitLabel(b.unit);
            const soon = expiresSoon(b.carriedExpiresOn, today);
            return (
              <View
                key={b.leaveType.id}
                className="card balance-row"
                data-code={b.leaveType.code}
                data-id={b.leaveType.id}
                onClick={() =>
                  void Taro.navigateTo({
                    url: `/pages/leave/ledger?leaveTypeId=${encodeURIComponent(b.leaveType.id)}&name=${encodeURIComponent(b.leaveType.name)}`,
                  })
                }
              >
                <View className="balance-row__head">
                  <Text className="balance-row__name">{b.leaveType.name}</Text>
                  <View>
                    <Text className="muted">可用 </Text>
                    <Text className="balance-available">{fmtNum(b.available)}</Text>
                    <Text className="muted"> {u} ›</Text>
                  </View>
                </View>
                <View className="balance-row__nums muted">
                  <Text className="balance-granted">额度 {fmtAmount(b.granted, b.unit)}</Text>
                  <Text className="balance-pending">审批中 {fmtAmount(b.pending, b.unit)}</Text>
                  <Text className="balance-used">已用 {fmtAmount(b.used, b.unit)}</Text>
                </View>
                {b.carriedOver > 0 && (
                  <Text className={`balance-carried ${soon ? 'balance-carried--soon' : 'muted'}`} data-soon={soon ? '1' : '0'}>
                    {`含上年结转 ${fmtAmount(b.carriedOver, b.unit)}`}
                    {b.carriedExpiresOn
                      ? `，${b.carriedExpiresOn} 过期${soon ? `（仅剩 ${daysUntil(b.carriedExpiresOn, today)} 天，优先使用）` : ''}`
                      : '，长期有效'}
                  </Text>
                )}
                {b.annual && (
                  <Text id="balance-annual-explanation" className="balance-row__explain">
                    {b.annual.explanation ||
                      `${b.annual.year} 年：累计工作 ${fmtNum(b.annual.workingYears)} 年，全年 ${fmtNum(b.annual.fullYearDays)} 天，本年发放 ${fmtNum(b.annual.grantedDays)} 天`}
                  </Text>
                )}
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
