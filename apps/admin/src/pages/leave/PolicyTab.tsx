import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Radio, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { AnnualGrantPreviewRow, AnnualGrantResult, LeavePolicyView } from '@hrlink/shared';
import { ApiError } from '../../api/client';
import { fetchPolicy, runAnnualGrant, savePolicy } from '../../api/leave';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { STATUTORY_TIERS, formatAmount, sortTiers, statutoryDays, tierErrors, type AnnualTier } from '../../utils/leave';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

interface PolicyValues {
  annualMode: 'statutory' | 'custom';
  compTimeRatio: number | null;
  compForWorkdayOvertime: boolean;
  compTimeExpiryDays: number | null;
}

function TierEditor({ tiers, onChange }: { tiers: AnnualTier[]; onChange: (t: AnnualTier[]) => void }) {
  const set = (i: number, patch: Partial<AnnualTier>) => onChange(tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  const columns: TableColumnsType<AnnualTier & { i: number }> = [
    {
      title: '累计工作年限满（年）',
      key: 'minYears',
      render: (_, t) => (
        <InputNumber id={`tier-${t.i}-years`} min={0} max={60} precision={0} value={t.minYears} onChange={(v) => set(t.i, { minYears: v ?? 0 })} />
      ),
    },
    {
      title: '每年天数',
      key: 'days',
      render: (_, t) => (
        <InputNumber id={`tier-${t.i}-days`} min={0} max={365} precision={0} value={t.days} onChange={(v) => set(t.i, { days: v ?? 0 })} addonAfter="天" />
      ),
    },
    {
      title: '法定',
      key: 'law',
      render: (_, t) => <Typography.Text type="secondary">{statutoryDays(t.minYears)} 天</Typography.Text>,
    },
    {
      title: '',
      key: 'op',
      width: 60,
      render: (_, t) => (
        <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除" onClick={() => onChange(tiers.filter((_, j) => j !== t.i))} />
      ),
    },
  ];
  return (
    <div data-testid="tier-editor">
      <Table
        size="small"
        rowKey="i"
        pagination={false}
        columns={columns}
        dataSource={tiers.map((t, i) => ({ ...t, i }))}
        locale={{ emptyText: '至少需要一档' }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange([...tiers, { minYears: (tiers.length ? Math.max(...tiers.map((t) => t.minYears)) : 0) + 5, days: 15 }])}
          data-testid="tier-add"
        >
          添加一档
        </Button>
        <Button onClick={() => onChange(sortTiers(tiers))}>按年限排序</Button>
        <Button onClick={() => onChange(STATUTORY_TIERS.map((t) => ({ ...t })))}>恢复为法定标准</Button>
      </Space>
    </div>
  );
}

function PolicyForm() {
  const policy = useRequest(fetchPolicy, []);
  const [form] = Form.useForm<PolicyValues>();
  const [tiers, setTiers] = useState<AnnualTier[]>(STATUTORY_TIERS);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const mode = Form.useWatch('annualMode', form);

  useEffect(() => {
    if (!policy.data) return;
    form.setFieldsValue({
      annualMode: policy.data.annualMode,
      compTimeRatio: policy.data.compTimeRatio,
      compForWorkdayOvertime: policy.data.compForWorkdayOvertime,
      compTimeExpiryDays: policy.data.compTimeExpiryDays,
    });
    setTiers(policy.data.annualTiers.length ? policy.data.annualTiers : STATUTORY_TIERS.map((t) => ({ ...t })));
  }, [policy.data, form]);

  const errors = mode === 'custom' ? tierErrors(tiers) : [];

  const submit = async (v: PolicyValues) => {
    if (errors.length) return;
    const body: LeavePolicyView = {
      annualMode: v.annualMode,
      annualTiers: v.annualMode === 'custom' ? sortTiers(tiers) : STATUTORY_TIERS.map((t) => ({ ...t })),
      compTimeRatio: v.compTimeRatio ?? 1,
      compForWorkdayOvertime: v.compForWorkdayOvertime,
      compTimeExpiryDays: v.compTimeExpiryDays ?? null,
    };
    setSaving(true);
    setServerError(null);
    try {
      const saved = await savePolicy(body);
      policy.setData(saved ?? body);
      showSuccess('年假规则已保存；如需按新规则重新计算，请使用下方「年假发放」预览后确认');
    } catch (err) {
      if (err instanceof ApiError) setServerError(err);
      else showError(err, '保存失败');
    } finally {
      setSaving(false);
    }
  };

  if (policy.error) return <ErrorState error={policy.error} onRetry={policy.reload} />;
  if (policy.loading && !policy.data) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <Form<PolicyValues> form={form} name="policy" layout="vertical" onFinish={submit} requiredMark={false} data-testid="policy-form">
      <ServerErrorAlert error={serverError} testId="policy-server-error" style={{ marginBottom: 12 }} />
      <Form.Item label="年假标准" name="annualMode">
        <Radio.Group>
          <Radio value="statutory">法定标准（累计工作满 1 年 5 天、满 10 年 10 天、满 20 年 15 天）</Radio>
          <Radio value="custom">自定义（不得低于法定标准）</Radio>
        </Radio.Group>
      </Form.Item>
      {mode === 'custom' && (
        <Form.Item label="自定义档位" required>
          <TierEditor tiers={tiers} onChange={setTiers} />
          {errors.length > 0 && (
            <Alert type="error" showIcon style={{ marginTop: 8 }} message="档位不符合要求" description={errors.join('；')} data-testid="tier-errors" />
          )}
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        年中入职按当年剩余日历天数 ÷ 365 折算，不足 1 天的部分不计；离职按已过天数折算，多休不扣回。
      </Typography.Paragraph>
      <Space size="large" wrap align="start">
        <Form.Item
          label="加班调休比例（每加班 1 小时获得调休小时）"
          name="compTimeRatio"
          rules={[
            { required: true, message: '请输入比例' },
            { type: 'number', min: 0.5, max: 5, message: '应为 0.5–5' },
          ]}
        >
          <InputNumber min={0.5} max={5} step={0.5} style={{ width: 160 }} addonBefore="1 :" />
        </Form.Item>
        <Form.Item label="工作日加班" name="compForWorkdayOvertime" valuePropName="checked" extra="休息日、节假日加班总是获得调休">
          <Switch checkedChildren="计调休" unCheckedChildren="不计调休（发加班费）" />
        </Form.Item>
        <Form.Item
          label="调休有效期"
          name="compTimeExpiryDays"
          extra="留空 = 永不过期"
          rules={[{ type: 'integer', min: 1, max: 3650, message: '应为 1–3650 的整数' }]}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} addonAfter="天" />
        </Form.Item>
      </Space>
      <div>
        <Button type="primary" htmlType="submit" loading={saving} disabled={errors.length > 0} data-testid="policy-save">
          保存规则
        </Button>
      </div>
    </Form>
  );
}

const grantColumns: TableColumnsType<AnnualGrantPreviewRow> = [
  { title: '员工', key: 'employee', width: 120, render: (_, r) => r.employee.name },
  { title: '当前', dataIndex: 'current', key: 'current', width: 80, render: (v: number) => `${formatAmount(v)} 天` },
  { title: '重新计算', dataIndex: 'computed', key: 'computed', width: 90, render: (v: number) => `${formatAmount(v)} 天` },
  {
    title: '变化',
    dataIndex: 'difference',
    key: 'difference',
    width: 80,
    render: (v: number) => <Tag color={v > 0 ? 'green' : v < 0 ? 'red' : 'default'}>{v > 0 ? `+${formatAmount(v)}` : formatAmount(v)}</Tag>,
  },
  { title: '说明', dataIndex: 'explanation', key: 'explanation' },
];

function GrantCard() {
  const { modal } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [preview, setPreview] = useState<AnnualGrantResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const runPreview = async () => {
    setBusy('preview');
    setError(null);
    try {
      setPreview(await runAnnualGrant(year, true));
    } catch (err) {
      setPreview(null);
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const apply = () => {
    if (!preview) return;
    modal.confirm({
      title: `确认发放 ${preview.year} 年年假？`,
      content: `将调整 ${preview.rows.length} 名员工的 ${preview.year} 年年假额度，并记入假期流水。可以重复执行，结果相同。`,
      okText: '确认发放',
      cancelText: '取消',
      onOk: async () => {
        setBusy('apply');
        try {
          const result = await runAnnualGrant(preview.year, false);
          showSuccess(`已发放：${result.rows.length} 人额度变化，${result.unchanged} 人无变化`);
          // A fresh dry run shows what is left to change (无变化 when the grant took effect).
          setPreview(await runAnnualGrant(preview.year, true).catch(() => null));
        } catch (err) {
          showError(err, '发放失败');
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const shown = preview && preview.year === year ? preview : null;

  return (
    <Card size="small" title="年假发放" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        每年 1 月 1 日和员工入职时自动发放。修改年假规则、入职日期或首次参加工作日期后，可在此预览差异并确认重新发放。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <InputNumber id="grant-year" min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
        <Button type="primary" ghost loading={busy === 'preview'} onClick={runPreview} data-testid="grant-preview-run">
          预览
        </Button>
        <Button
          type="primary"
          disabled={!shown || shown.rows.length === 0 || busy !== null}
          loading={busy === 'apply'}
          onClick={apply}
          data-testid="grant-apply"
        >
          确认发放
        </Button>
      </Space>
      {error ? <ErrorState error={error} onRetry={runPreview} title="预览失败" /> : null}
      {shown && (
        <div data-testid="grant-preview" data-changed={shown.rows.length} data-unchanged={shown.unchanged}>
          {shown.rows.length === 0 ? (
            <Empty description={`无变化（${shown.unchanged} 人额度与计算结果一致）`} data-testid="grant-no-change" />
          ) : (
            <>
              <Typography.Paragraph>
                {shown.year} 年：<b>{shown.rows.length}</b> 人额度将变化，{shown.unchanged} 人无变化。
              </Typography.Paragraph>
              <Table<AnnualGrantPreviewRow>
                rowKey={(r) => r.employee.id}
                size="small"
                columns={grantColumns}
                dataSource={shown.rows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}

export function PolicyTab() {
  return (
    <>
      <Card size="small" title="年假规则">
        <PolicyForm />
      </Card>
      <GrantCard />
    </>
  );
}
