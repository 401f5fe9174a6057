import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '../../components/ui';
import { PLATFORM_META, type EmployeeProfile } from '@hrlink/shared';
import BottomNav from '../../components/BottomNav';
import { ROLE_LABELS } from '../../tiles';
import { cachedProfile, fetchMe, hasSession, isSessionLost, logout, toUiError, type UiError } from '../../services';
import './index.scss';

function Row({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <Cell
      title={<Text className="profile__label">{label}</Text>}
      extra={
        <Text id={id} className="profile__value">
          {value}
        </Text>
      }
    />
  );
}

export default function Profile() {
  const [me, setMe] = useState<EmployeeProfile | null>(cachedProfile());
  const [error, setError] = useState<UiError | null>(null);

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

  const onLogout = async () => {
    await logout();
    await Taro.reLaunch({ url: '/pages/landing/index?loggedOut=1' });
  };

  return (
    <View className="page profile">
      {error && (
        <View id="profile-error" className="card profile__error">
          <Text>{error.message}</Text>
        </View>
      )}
      {me && (
        <Cell.Group className="profile__group">
          <Row id="profile-name" label="姓名" value={me.name} />
          <Row id="profile-employee-no" label="工号" value={me.employeeNo || '—'} />
          <Row id="profile-title" label="职位" value={me.title || '—'} />
          <Row id="profile-department" label="部门" value={me.departments.map((d) => d.name).join('、') || '—'} />
          <Row id="profile-manager" label="直属上级" value={me.manager ? me.manager.name : '—'} />
          <Row id="profile-company" label="公司" value={me.tenantName} />
          <Row id="profile-platform" label="登录平台" value={me.platform ? PLATFORM_META[me.platform].displayName : '—'} />
          <Row id="profile-roles" label="角色" value={me.roles.map((r) => ROLE_LABELS[r] || r).join('、') || '—'} />
        </Cell.Group>
      )}
      {!me && !error && <Text className="muted">加载中…</Text>}

      <Cell.Group className="profile__group">
        <Cell title={<Text id="profile-leave-balances">我的假期</Text>} extra="›" onClick={() => void Taro.navigateTo({ url: '/pages/leave/balances' })} />
        <Cell title={<Text id="profile-leave-requests">我的请假申请</Text>} extra="›" onClick={() => void Taro.navigateTo({ url: '/pages/leave/requests' })} />
        <Cell title={<Text id="profile-overtime">我的加班</Text>} extra="›" onClick={() => void Taro.navigateTo({ url: '/pages/overtime/index' })} />
        {me?.isManager && (
          <Cell title={<Text id="profile-team-leave">团队日历</Text>} extra="›" onClick={() => void Taro.navigateTo({ url: '/pages/leave/team' })} />
        )}
      </Cell.Group>

      <Button id="logout-button" className="btn" type="danger" fill="outline" block onClick={() => void onLogout()}>
        退出登录
      </Button>

      <BottomNav active="profile" />
    </View>
  );
}
