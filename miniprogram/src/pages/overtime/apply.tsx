import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { Button } from '../../components/ui';
import DateField from '../../components/DateField';
import { HomeLink } from '../../components/StateView';
import { charCount, REASON_MAX, validateOvertime, type OvertimeFormErrors, type OvertimeFormState } from '../../leave/form';
import { submitOvertime } from '../../services/leave';
import { toUiError, withSession, type UiError } from '../../services';
import '../leave/leave.scss';

/** 加班: date, hours (0.5 steps), reason → POST /overtime/requests; the day kind comes from the calendar. */
export default function OvertimeApply() {
  const [form, setForm] = useState<OvertimeFormState>({ date: '', hours: '', reason: '' });
  const [errors, setErrors] = useState<OvertimeFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const set = (p: Partial<OvertimeFormState>) => {
    setForm((f) => ({ ...f, ...p }));
    setError(null);
  };

  const step = (delta: number) => {
    const n = Number(form.hours) || 0;
    const next = Math.min(24, Math.max(0.5, Math.round((n + delta) * 2) / 2));
    set({ hours: String(next) });
  };

  const submit = async () => {
    if (busy) return;
    const v = validateOvertime(form);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await withSession(() => submitOvertime(v.input));
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await Taro.redirectTo({ url: '/pages/overtime/index' });
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page overtime">
      <HomeLink id="overtime-home" />
      <View className="links">
        <Text id="overtime-link-list" onClick={() => void Taro.navigateTo({ url: '/pages/overtime/index' })}>
          我的加班 ›
        </Text>
        <Text id="overtime-link-balances" onClick={() => void Taro.navigateTo({ url: '/pages/leave/balances' })}>
          我的假期 ›
        </Text>
      </View>
      <View className="card">
        <View className="field">
          <View className="field__label">
            <Text className="field__required">*</Text>
            <Text>加班日期</Text>
          </View>
          <DateField id="overtime-date" mode="date" value={form.date} onChange={(v) => set({ date: v })} />
          <Text className="muted">工作日 / 休息日 / 节假日按公司日历自动判断；休息日、节假日加班审批通过后发放调休。</Text>
          {errors.date && <Text className="field__error">{errors.date}</Text>}
        </View>
        <View className="field">
          <View className="field__label">
            <Text className="field__required">*</Text>
            <Text>加班时长（小时，0.5 递增）</Text>
          </View>
          <View className="point">
            <View id="overtime-hours-minus" className="chip" onClick={() => step(-0.5)}>
              <Text>−</Text>
            </View>
            <Input
              id="overtime-hours"
              className="field__input"
              type="digit"
              placeholder="例如：2.5"
              value={form.hours}
              onInput={(e) => set({ hours: e.detail.value })}
            />
            <View id="overtime-hours-plus" className="chip" onClick={() => step(0.5)}>
              <Text>＋</Text>
            </View>
          </View>
          {errors.hours && <Text className="field__error">{errors.hours}</Text>}
        </View>
        <View className="field">
          <View className="field__label">
            <Text className="field__required">*</Text>
            <Text>加班事由</Text>
            <Text className="muted field__count">
              {charCount(form.reason)}/{REASON_MAX}
            </Text>
          </View>
          <Textarea
            id="overtime-reason"
            className="field__textarea"
            placeholder="请填写加班事由"
            value={form.reason}
            maxlength={REASON_MAX}
            onInput={(e) => set({ reason: e.detail.value })}
          />
          {errors.reason && <Text className="field__error">{errors.reason}</Text>}
        </View>
      </View>
      {error && (
        <View id="overtime-error" className="card error-card" data-code={error.code}>
          <Text>{error.message}</Text>
        </View>
      )}
      <Button id="overtime-submit" className="btn" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交申请
      </Button>
    </View>
  );
}
