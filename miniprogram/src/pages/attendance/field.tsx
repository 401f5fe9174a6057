import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { Button } from '../../components/ui';
import { HomeLink } from '../../components/StateView';
import PhotoPicker, { type LocalPhoto } from '../../components/PhotoPicker';
import { coordsText } from '../../attendance/format';
import { IdempotencyKeeper } from '../../attendance/idempotency';
import { useHostLocation } from '../../attendance/useLocation';
import { submitFieldCheckin } from '../../services/attendance';
import { uploadPhoto } from '../../services/files';
import { toUiError, withSession, type UiError } from '../../services';
import './attendance.scss';

const keeper = new IdempotencyKeeper();

/** 外勤签到: camera photos (1..9), GPS + address, customer/visit, remark → POST /files each → POST /attendance/field-checkins. */
export default function FieldCheckinPage() {
  const loc = useHostLocation();
  const [address, setAddress] = useState('');
  const [customer, setCustomer] = useState('');
  const [remark, setRemark] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const locate = async () => {
    const s = await loc.locate();
    if (s.location) setAddress((a) => a || s.location!.address || coordsText(s.location!.latitude, s.location!.longitude));
  };
  useDidShow(() => {
    if (!loc.location) void locate();
  });

  const submit = async () => {
    setFormError(null);
    setError(null);
    if (!loc.location) return setFormError('还没有获取到位置，请先「重新定位」');
    if (!customer.trim()) return setFormError('请填写客户 / 拜访对象');
    if (!address.trim()) return setFormError('请填写地址');
    if (photos.length === 0) return setFormError('请至少拍一张现场照片');
    const idempotencyKey = keeper.keyForTap();
    setBusy(true);
    try {
      const photoFileIds: string[] = [];
      for (const p of photos) photoFileIds.push((await withSession(() => uploadPhoto(p.path, p.name))).id);
      const l = loc.location;
      await withSession(() =>
        submitFieldCheckin({
          idempotencyKey,
          latitude: l.latitude,
          longitude: l.longitude,
          accuracy: l.accuracy,
          address: address.trim(),
          customerName: customer.trim(),
          remark: remark.trim() || null,
          photoFileIds,
        }),
      );
      keeper.answered();
      void Taro.showToast({ title: '签到成功', icon: 'success' });
      void Taro.redirectTo({ url: '/pages/attendance/list?done=1' });
    } catch (err) {
      const e = toUiError(err);
      keeper.settle(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page attendance attendance-field">
      <HomeLink id="attendance-home" />
      <View className="links">
        <Text id="field-link-list" onClick={() => void Taro.navigateTo({ url: '/pages/attendance/list' })}>
          我的外勤
        </Text>
      </View>
      <View className="card">
        <View id="field-location" className="clock__location" data-loading={loc.loading ? '1' : '0'}>
          <Text>
            {loc.loading
              ? '正在定位…'
              : loc.location
                ? `已定位（${coordsText(loc.location.latitude, loc.location.longitude)}，精度约 ${Math.round(loc.location.accuracy)} 米）`
                : '未获取到位置'}
          </Text>
        </View>
        {loc.error && (
          <View id="field-location-error" className="clock__loc-error" data-kind={loc.error.kind}>
            <Text className="state__error-text">{loc.error.message}</Text>
            <Text className="muted">{loc.error.help}</Text>
          </View>
        )}
        <View id="field-relocate" className="link clock__relocate" onClick={() => !loc.loading && void locate()}>
          <Text>重新定位</Text>
        </View>
      </View>
      <View className="card">
        <View className="field">
          <Text className="field__label">
            客户 / 拜访对象<Text className="field__required">*</Text>
          </Text>
          <Input id="field-customer" className="field__input" value={customer} maxlength={100} placeholder="如：某某科技 张经理" onInput={(e) => setCustomer(e.detail.value)} />
        </View>
        <View className="field">
          <Text className="field__label">
            地址<Text className="field__required">*</Text>
          </Text>
          <Input id="field-address" className="field__input" value={address} maxlength={200} placeholder="定位后自动填写，可修改" onInput={(e) => setAddress(e.detail.value)} />
        </View>
        <View className="field">
          <Text className="field__label">备注</Text>
          <Textarea id="field-remark" className="field__textarea" value={remark} maxlength={500} placeholder="拜访内容" onInput={(e) => setRemark(e.detail.value)} />
        </View>
        <View className="field">
          <Text className="field__label">
            现场照片（1–9 张，仅限拍照）<Text className="field__required">*</Text>
          </Text>
          <PhotoPicker id="field-photo" photos={photos} max={9} onChange={setPhotos} />
        </View>
        {formError && (
          <Text id="field-form-error" className="field__error">
            {formError}
          </Text>
        )}
        {error && (
          <View id="field-error" className="state__error-text" data-code={error.code}>
            <Text>{error.message}</Text>
          </View>
        )}
      </View>
      <Button id="field-submit" className="btn" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        {busy ? '提交中…' : '提交签到'}
      </Button>
    </View>
  );
}
