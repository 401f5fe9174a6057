import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input, Textarea } from '@tarojs/components';
import { Button } from '../../components/ui';
import { HomeLink } from '../../components/StateView';
import { charCount, DETAILS_MAX, TITLE_MAX, validateGeneral, type GeneralFormErrors } from '../../approvals/validate';
import { createGeneralApproval } from '../../services/approvals';
import { toUiError, withSession, type UiError } from '../../services';
import './approvals.scss';

/** 通用审批: title, details, optional amount (元 → integer 分). Attachments are not supported yet. */
export default function GeneralRequest() {
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<GeneralFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async () => {
    if (busy) return;
    const v = validateGeneral({ title, details, amount });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const created = await withSession(() => createGeneralApproval(v.body));
      void Taro.showToast({ title: '已提交', icon: 'success' });
      await Taro.redirectTo({ url: `/pages/approvals/detail?id=${encodeURIComponent(created.id)}` });
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page general">
      <HomeLink />
      <View className="card">
        <View className="field">
          <View className="field__label">
            <Text className="field__required">*</Text>
            <Text>标题</Text>
            <Text className="muted field__count">
              {charCount(title)}/{TITLE_MAX}
            </Text>
          </View>
          <Input
            id="general-title"
            className="field__input"
            placeholder="例如：采购显示器"
            value={title}
            maxlength={TITLE_MAX}
            onInput={(e) => setTitle(e.detail.value)}
          />
          {errors.title && (
            <Text id="general-title-error" className="field__error">
              {errors.title}
            </Text>
          )}
        </View>

        <View className="field">
          <View className="field__label">
            <Text className="field__required">*</Text>
            <Text>详细说明</Text>
            <Text className="muted field__count">
              {charCount(details)}/{DETAILS_MAX}
            </Text>
          </View>
          <Textarea
            id="general-details"
            className="field__textarea"
            placeholder="请说明事由、用途等"
            value={details}
            maxlength={DETAILS_MAX}
            onInput={(e) => setDetails(e.detail.value)}
          />
          {errors.details && (
            <Text id="general-details-error" className="field__error">
              {errors.details}
            </Text>
          )}
        </View>

        <View className="field">
          <View className="field__label">
            <Text>金额（元，选填）</Text>
          </View>
          <Input
            id="general-amount"
            className="field__input"
            type="digit"
            placeholder="例如：128.50"
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
          {errors.amount && (
            <Text id="general-amount-error" className="field__error">
              {errors.amount}
            </Text>
          )}
        </View>

        <View className="field">
          <View className="field__label">
            <Text>附件</Text>
          </View>
          <Text id="general-attachments-note" className="muted">
            附件上传暂不支持，如需提供材料请在详细说明中注明或线下提交。
          </Text>
        </View>
      </View>

      {error && (
        <View id="general-error" className="card detail__action-error" data-code={error.code}>
          <Text>{error.message}</Text>
        </View>
      )}

      <Button id="general-submit" className="btn" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交
      </Button>
    </View>
  );
}
