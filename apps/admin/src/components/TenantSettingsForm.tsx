import { Button, Card, Form, Input, Radio, Select, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { MatchKey } from '@hrlink/shared';
import type { TenantSettingsView, UpdateTenantSettingsRequest } from '@hrlink/shared';
import { fetchTenantSettings, updateTenantSettings } from '../api/integrations';
import { showError, showSuccess } from '../api/notify';
import { updateUser } from '../api/session';
import { useRequest } from '../hooks/useRequest';
import { isCron } from '../utils/cron';
import { MATCH_KEY_LABEL } from '../utils/labels';
import { ErrorState } from './ErrorState';

const FALLBACK_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    const zones = intl.supportedValuesOf?.('timeZone');
    if (zones?.length) return zones.includes('UTC') ? zones : [...zones, 'UTC'];
  } catch {
    // old browser
  }
  return FALLBACK_ZONES;
}

export function TenantSettingsForm() {
  const { data, error, loading, reload, setData } = useRequest(fetchTenantSettings, []);
  const [form] = Form.useForm<TenantSettingsView>();
  const [saving, setSaving] = useState(false);
  const zoneOptions = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;

  const submit = async (values: TenantSettingsView) => {
    const body: UpdateTenantSettingsRequest = {
      name: values.name.trim(),
      timeZone: values.timeZone,
      matchKey: values.matchKey,
      syncCron: values.syncCron.trim(),
    };
    setSaving(true);
    try {
      const saved = await updateTenantSettings(body);
      setData(saved);
      updateUser({ tenantName: saved.name });
      showSuccess('企业设置已保存');
    } catch (err) {
      showError(err, '保存失败');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="企业设置" data-testid="tenant-settings">
      <Form<TenantSettingsView> form={form} name="tenant-settings" layout="vertical" style={{ maxWidth: 520 }} onFinish={submit}>
        <Form.Item name="name" label="企业名称" rules={[{ required: true, whitespace: true, message: '请输入企业名称' }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="matchKey"
          label="跨平台员工匹配字段"
          extra="同一员工在钉钉、企业微信、飞书上的账号按此字段关联到同一份员工档案"
          rules={[{ required: true }]}
        >
          <Radio.Group
            options={[MatchKey.EmployeeNo, MatchKey.Mobile].map((k) => ({ value: k, label: MATCH_KEY_LABEL[k] }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="syncCron"
          label="定时同步（cron 表达式）"
          extra="例如 0 2 * * * 表示每天凌晨 2 点（按企业时区）"
          rules={[
            { required: true, message: '请输入 cron 表达式' },
            { validator: (_, v: string) => (!v || isCron(v) ? Promise.resolve() : Promise.reject(new Error('cron 表达式格式不正确'))) },
          ]}
        >
          <Input placeholder="0 2 * * *" />
        </Form.Item>
        <Form.Item name="timeZone" label="时区" rules={[{ required: true, message: '请选择时区' }]}>
          <Select showSearch options={zoneOptions} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="tenant-settings-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
