import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import type { EmployeeProfile } from '@hrlink/shared';
import BottomNav from '../../components/BottomNav';
import { FEATURE_TILES, tileUrl } from '../../tiles';
import { cachedProfile, fetchMe, hasSession, isSessionLost, toUiError, type UiError } from '../../services';
import { fetchApprovalCounts } from '../../services/approvals';
import './index.scss';

function greetingWord(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 12) return '早上好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function Home() {
  const [me, setMe] = useState<EmployeeProfile | null>(cachedProfile());
  const [error, setError] = useState<UiError | null>(null);
  /** 待我审批 count on the 审批 tile; refreshed whenever the workbench is shown again. */
  const [todo, setTodo] = useState<number | null>(null);

  useDidShow(() => {
    if (!hasSession()) return;
    fetchApprovalCounts()
      .then((c) => setTodo(c.todo))
      .catch(() => setTodo(null));
  });

  useEffect(() => {
    if (!hasSession()) {
      void Taro.reLaunch({ url: '/pages/landing/index' });
      return;
    }
    fetchMe()
      .then(setMe)
      .catch((err) => {
        const e = toUiError(err);
        if (isSessionLost(e)) void Taro.reLaunch({ url: '/pages/landing/index' });
        else setError(e);
      });
  }, []);

  const dept = me?.departments.map((d) => d.name).join('、') || '未分配部门';

  return (
    <View className="page home">
      <View className="card home__hello">
        <Text id="home-greeting" className="home__greeting">
          {me ? `${greetingWord(new Date().getHours())}，${me.name}` : '加载中…'}
        </Text>
        <Text id="home-department" className="muted">
          {me ? `${me.tenantName} · ${dept}` : ''}
        </Text>
      </View>

      {error && (
        <View id="home-error" className="card home__error">
          <Text>{error.message}</Text>
        </View>
      )}

      <View className="card">
        <Text className="home__section">常用应用</Text>
        <View className="home__grid">
          {FEATURE_TILES.map((tile) => (
            <View
              key={tile.key}
              id={`tile-${tile.key}`}
              className="home__tile"
              onClick={() => void Taro.navigateTo({ url: tileUrl(tile) })}
            >
              <View className="home__tile-icon" style={{ background: tile.color }}>
                <Text>{tile.title.slice(0, 1)}</Text>
                {tile.key === 'approval' && todo !== null && todo > 0 && (
                  <Text id="tile-approval-badge" className="home__badge">
                    {todo > 99 ? '99+' : todo}
                  </Text>
                )}
              </View>
              <Text className="home__tile-title">{tile.title}</Text>
            </View>
          ))}
        </View>
      </View>

      <BottomNav active="home" />
    </View>
  );
}
