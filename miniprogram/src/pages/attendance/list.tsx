import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { FieldCheckinView } from '@hrlink/shared';
import { Empty, ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import { FieldRow } from './FieldRow';
import { fetchMyFieldCheckins } from '../../services/attendance';
import { toUiError, withSession, type UiError } from '../../services';
import './attendance.scss';

/** 我的外勤: my field check-ins, newest first, with photo thumbnails. */
export default function FieldListPage() {
  const [items, setItems] = useState<FieldCheckinView[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const load = async () => {
    setError(null);
    try {
      setItems(await withSession(() => fetchMyFieldCheckins()));
    } catch (err) {
      setError(toUiError(err));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));
  return (
    <View className="page attendance field-list">
      <HomeLink id="attendance-home" />
      <View className="links">
        <Text id="field-new" onClick={() => void Taro.navigateTo({ url: '/pages/attendance/field' })}>
          ＋ 外勤签到
        </Text>
      </View>
      {error && <ErrorBlock id="field-list-error" error={error} onRetry={() => void load()} />}
      {!error && !items && <Loading id="field-list-loading" />}
      {!error && items && items.length === 0 && <Empty id="field-list-empty" text="还没有外勤签到记录" />}
      {!error && items && items.length > 0 && (
        <View id="field-list" className="card" data-count={items.length}>
          {items.map((c) => (
            <FieldRow key={c.id} c={c} />
          ))}
        </View>
      )}
    </View>
  );
}
