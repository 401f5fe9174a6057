import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import type { PunchRequest, TodayView } from '@hrlink/shared';
import { ErrorBlock, HomeLink, Loading } from '../../components/StateView';
import PhotoPicker, { type LocalPhoto } from '../../components/PhotoPicker';
import { clockButton, clockText, dayStatusesLabel, flagName, hhmm, locationStatusText, punchResultMessage, punchTone, PUNCH_KIND_NAMES, PUNCH_SOURCE_NAMES } from '../../attendance/format';
import { IdempotencyKeeper } from '../../attendance/idempotency';
import { useHostLocation, type LocationState } from '../../attendance/useLocation';
import { fetchToday, punch } from '../../services/attendance';
import { uploadPhoto } from '../../services/files';
import { cachedProfile, toUiError, withSession, type UiError } from '../../services';
import { MapLink } from './MapLink';
import './attendance.scss';

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <Text id="clock-time" className="clock__time">
      {clockText(now)}
    </Text>
  );
}

/** 打卡: time, shift, location status, one big button (上班 / 下班 / 更新 / 外勤), result. */
export default function ClockPage() {
  const loc = useHostLocation();
  const [today, setToday] = useState<TodayView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [checking, setChecking] = useState(false);
  const [remark, setRemark] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ message: string; duplicate: boolean } | null>(null);
  const [punchError, setPunchError] = useState<UiError | null>(null);
  const keeper = useRef(new IdempotencyKeeper());

  const refresh = async () => {
    setError(null);
    setChecking(true);
    const state: LocationState = await loc.locate();
    try {
      const l = state.location;
      const t = await withSession(() =>
        fetchToday(l ? { latitude: l.latitude, longitude: l.longitude, accuracy: l.accuracy, isMock: l.isMock, wifi: state.wifi } : null),
      );
      setToday(t);
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setChecking(false);
    }
  };

  useDidShow(() => void refresh());

  const located = !!loc.location;
  const btn = today ? clockButton(today, located) : null;

  const doPunch = async () => {
    if (!today || !btn || btn.action === 'disabled' || !loc.location) return;
    const field = btn.action === 'field';
    setPunchError(null);
    if (field && today.fieldRemarkRequired && !remark.trim()) {
      setPunchError({ code: 'VALIDATION_FAILED', message: '外勤打卡需要填写备注' });
      return;
    }
    if (field && today.fieldPhotoRequired && photos.length === 0) {
      setPunchError({ code: 'VALIDATION_FAILED', message: '外勤打卡需要拍照' });
      return;
    }
    const idempotencyKey = keeper.current.keyForTap();
    setBusy(true);
    try {
      const photoFileIds: string[] = [];
      if (field) for (const p of photos) photoFileIds.push((await withSession(() => uploadPhoto(p.path, p.name))).id);
      const l = loc.location;
      const body: PunchRequest = {
        idempotencyKey,
        latitude: l.latitude,
        longitude: l.longitude,
        accuracy: l.accuracy,
        isMock: l.isMock,
        wifi: loc.wifi,
        field: field || undefined,
        remark: field ? remark.trim() || null : undefined,
        photoFileIds: field ? photoFileIds : undefined,
      };
      const r = await withSession(() => punch(body));
      keeper.current.answered();
      setResult({ message: punchResultMessage(r), duplicate: r.duplicate });
      setRemark('');
      setPhotos([]);
      void Taro.showToast({ title: `打卡成功 ${punchResultMessage(r)}`, icon: 'none' });
      void refresh();
    } catch (err) {
      const e = toUiError(err);
      keeper.current.settle(e);
      setPunchError(e);
    } finally {
      setBusy(false);
    }
  };

  const inRange = !!today?.location?.inRange;
  return (
    <View className="page attendance clock">
      <HomeLink id="attendance-home" />
      <View className="card clock__head">
        <Clock />
        <View id="clock-shift" className="clock__shift">
          {today ? (
            today.group ? (
              <Text>
                {today.group.name} ·{' '}
                {today.shift ? `${today.shift.start}–${today.shift.end}` : today.group.kind === 'free' ? '自由工时' : ''}
                {today.workday ? '' : ' · 今天休息'}
              </Text>
            ) : (
              <Text className="muted">未加入考勤组</Text>
            )
          ) : (
            <Text className="muted">加载班次…</Text>
          )}
        </View>
      </View>

      <View className="card">
        <View
          id="clock-location"
          className={`clock__location ${inRange ? 'clock__location--in' : 'clock__location--out'}`}
          data-in-range={inRange ? '1' : '0'}
          data-loading={loc.loading || checking ? '1' : '0'}
        >
          <Text>{loc.loading || checking ? '正在定位…' : loc.error ? '未获取到位置' : locationStatusText(today?.location ?? null)}</Text>
          {loc.location && !loc.loading && (
            <Text className="muted clock__accuracy">
              精度约 {Math.round(loc.location.accuracy)} 米{loc.wifi ? ` · Wi-Fi ${loc.wifi.ssid || loc.wifi.bssid}` : ''}
              {loc.location.isMock ? ' · 检测到虚拟定位' : ''}
            </Text>
          )}
        </View>
        {loc.error && (
          <View id="clock-location-error" className="clock__loc-error" data-kind={loc.error.kind}>
            <Text className="state__error-text">{loc.error.message}</Text>
            <Text className="muted">{loc.error.help}</Text>
          </View>
        )}
        <View id="clock-relocate" className="link clock__relocate" onClick={() => !loc.loading && void refresh()}>
          <Text>重新定位</Text>
        </View>
      </View>

      {error && <ErrorBlock id="clock-error" error={error} onRetry={() => void refresh()} />}
      {!error && !today && <Loading id="clock-loading" />}

      {!error && today && btn && (
        <>
          {btn.action === 'field' && (
            <View className="card">
              <Text className="section-title">外勤打卡</Text>
              <View className="field">
                <Text className="field__label">备注{today.fieldRemarkRequired ? '（必填）' : ''}</Text>
                <Textarea id="clock-field-remark" className="field__textarea" value={remark} maxlength={200} placeholder="外出原因、客户等" onInput={(e) => setRemark(e.detail.value)} />
              </View>
              <View className="field">
                <Text className="field__label">现场照片{today.fieldPhotoRequired ? '（必拍）' : '（可选）'}</Text>
                <PhotoPicker id="clock-photo" photos={photos} max={3} onChange={setPhotos} />
              </View>
            </View>
          )}
          <View className="clock__button-wrap">
            <View
              id="clock-button"
              className={`clock__button clock__button--${btn.action} ${busy ? 'clock__button--busy' : ''}`}
              data-action={btn.action}
              onClick={() => !busy && void doPunch()}
            >
              <Text className="clock__button-label">{busy ? '打卡中…' : btn.label}</Text>
            </View>
            {btn.reason && <Text className="muted clock__reason">{btn.reason}</Text>}
          </View>
          {result && (
            <View id="clock-result" className={`clock__result clock__result--${punchTone(result.message)}`} data-duplicate={result.duplicate ? '1' : '0'}>
              <Text>打卡成功：{result.message}</Text>
            </View>
          )}
          {punchError && (
            <View id="clock-punch-error" className="state__error-text clock__punch-error" data-code={punchError.code}>
              <Text>{punchError.message}</Text>
              {punchError.code === 'NETWORK_ERROR' && <Text className="muted">（再次点击将重试同一次打卡，不会重复记录）</Text>}
            </View>
          )}
          <View className="card">
            <Text className="section-title">今日打卡 {today.day ? `· ${dayStatusesLabel(today.day.statuses)}${today.day.provisional ? '（暂定）' : ''}` : ''}</Text>
            <View id="clock-punches" data-count={today.punches.length}>
              {today.punches.length === 0 && <Text className="muted">今天还没有打卡记录</Text>}
              {today.punches.map((p) => (
                <View key={p.id} className="punch-row" data-id={p.id} data-kind={p.kind}>
                  <Text className="punch-row__time">
                    {PUNCH_KIND_NAMES[p.kind]} {hhmm(p.at)}
                  </Text>
                  <Text className="muted">
                    {PUNCH_SOURCE_NAMES[p.source] ?? p.source}
                    {p.siteName ? ` · ${p.siteName}` : ''}
                    {p.wifi ? ` · ${p.wifi.ssid}` : ''}
                    {p.flags.length ? ` · ${p.flags.map(flagName).join('、')}` : ''}
                  </Text>
                  <MapLink latitude={p.latitude} longitude={p.longitude} name={`${PUNCH_KIND_NAMES[p.kind]} ${hhmm(p.at)}`} address={p.siteName || PUNCH_SOURCE_NAMES[p.source]} />
                </View>
              ))}
            </View>
          </View>
          <View className="links">
            <Text id="clock-link-month" onClick={() => void Taro.navigateTo({ url: '/pages/attendance/month' })}>
              我的考勤
            </Text>
            <Text id="clock-link-field" onClick={() => void Taro.navigateTo({ url: '/pages/attendance/field' })}>
              外勤签到
            </Text>
            {cachedProfile()?.isManager && (
              <Text id="clock-link-team" onClick={() => void Taro.navigateTo({ url: '/pages/attendance/team' })}>
                团队考勤
              </Text>
            )}
          </View>
        </>
      )}
    </View>
  );
}
