import { Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { AdminBalanceRow, LeaveTypeView, LedgerEntryView } from '@hrlink/shared';
import { ApiError } from '../../api/client';
import { adjustBalance, fetchLedger } from '../../api/leave';
import { showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { formatDateTime } from '../../utils/format';
import { AMOUNT_UNIT, LEDGER_KIND, formatAmount } from '../../utils/leave';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

type Employee = AdminBalanceRow['employee'];

interface AdjustValues {
  leaveTypeId: string;
  amount: number | null;
  reason: string;
}

/** 调整: a signed amount in the type's unit plus a required reason; the server ledgers and audits it. */
export function AdjustModal({
  employee,
  types,
  initialTypeId,
  onClose,
  onDone,
}: {
  employee: Employee | null;
  types: LeaveTypeView[];
  initialTypeId?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<AdjustValues>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const typeId = Form.useWatch('leaveTypeId', form);
  const type = types.find((t) => t.id === typeId);
  const unit = type?.unit === 'hour' ? '小时' : '天';

  useEffect(() => {
    if (employee) {
      setServerError(null);
      form.setFieldsValue({ leaveTypeId: initialTypeId ?? types.find((t) => t.requiresBalance)?.id, amount: null, reason: '' });
    }
  }, [employee, initialTypeId, types, form]);

  const submit = async () => {
    if (!employee) return;
    const v = await form.validateFields().catch(() => null);
    if (!v || v.amount === null) return;
    setSaving(true);
    setServerError(null);
    try {
      await adjustBalance({ employeeId: employee.id, leaveTypeId: v.leaveTypeId, amount: v.amount, reason: v.reason.trim() });
      showSuccess(`已调整 ${employee.name} 的${type?.name ?? ''}：${v.amount > 0 ? '+' : ''}${v.amount} ${unit}`);
      onDone();
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err), 0));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!employee}
      title={employee ? `调整余额：${employee.name}${employee.employeeNo ? `（${employee.employeeNo}）` : ''}` : ''}
      okText="确认调整"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'balance-adjust-submit' } as ButtonProps}
    >
      <div data-testid="balance-adjust-form">
        <ServerErrorAlert error={serverError} testId="balance-adjust-error" style={{ marginBottom: 12 }} />
        <Form<AdjustValues> form={form} name="balance-adjust" layout="vertical" requiredMark={false} preserve={false}>
          <Form.Item label="假期类型" name="leaveTypeId" rules={[{ required: true, message: '请选择假期类型' }]}>
            <Select options={types.map((t) => ({ value: t.id, label: t.enabled ? t.name : `${t.name}（已停用）` }))} />
          </Form.Item>
          <Form.Item
            label={`调整数量（${unit}，正数增加，负数扣减）`}
            name="amount"
            rules={[
              { required: true, message: '请输入调整数量' },
              {
                validator: (_, v: number | null) => {
                  if (v === null || v === undefined) return Promise.resolve();
                  if (v === 0) return Promise.reject(new Error('调整数量不能为 0'));
                  if (Math.abs(v) > 9999) return Promise.reject(new Error('单次调整不超过 9999'));
                  if (Math.abs(v * 2 - Math.round(v * 2)) > 1e-9) return Promise.reject(new Error('最小单位为 0.5'));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <InputNumber step={0.5} style={{ width: '100%' }} placeholder="如 2 或 -1.5" addonAfter={unit} />
          </Form.Item>
          <Form.Item
            label="原因"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写调整原因' },
              { max: 200, message: '最多 200 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount placeholder="将记入假期流水和操作日志，员工可见" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

const ledgerColumns: TableColumnsType<LedgerEntryView> = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 160, render: formatDateTime },
  { title: '假期', key: 'type', width: 90, render: (_, e) => e.leaveType.name },
  { title: '类型', key: 'kind', width: 90, render: (_, e) => <Tag data-kind={e.kind}>{LEDGER_KIND[e.kind] ?? e.kind}</Tag> },
  {
    title: '数量',
    key: 'amount',
    width: 90,
    render: (_, e) => (
      <Typography.Text type={e.amount < 0 ? 'danger' : 'success'}>
        {e.amount > 0 ? '+' : ''}
        {formatAmount(e.amount)} {AMOUNT_UNIT[e.unit] ?? e.unit}
      </Typography.Text>
    ),
  },
  { title: '原因', dataIndex: 'reason', key: 'reason', ellipsis: true },
  { title: '过期', dataIndex: 'expiresOn', key: 'expiresOn', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '操作人', key: 'actor', width: 90, render: (_, e) => e.actor?.name ?? '系统' },
];

/** 流水: every ledger entry of one employee, optionally one type. */
export function LedgerDrawer({
  employee,
  types,
  initialTypeId,
  onClose,
}: {
  employee: Employee | null;
  types: LeaveTypeView[];
  initialTypeId?: string;
  onClose: () => void;
}) {
  const [typeId, setTypeId] = useState<string | undefined>(initialTypeId);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  useEffect(() => {
    setTypeId(initialTypeId);
    setPage(1);
  }, [employee, initialTypeId]);
  const ledger = useRequest(
    () => (employee ? fetchLedger({ employeeId: employee.id, leaveTypeId: typeId, page, pageSize }) : Promise.resolve(undefined)),
    [employee?.id, typeId, page, pageSize],
  );

  return (
    <Drawer open={!!employee} onClose={onClose} width={860} title={employee ? `假期流水：${employee.name}` : ''} destroyOnHidden>
      <div data-testid="balance-ledger">
        <Space style={{ marginBottom: 12 }}>
          <Select
            id="ledger-type"
            allowClear
            placeholder="全部假期类型"
            style={{ width: 180 }}
            value={typeId}
            onChange={(v) => {
              setTypeId(v);
              setPage(1);
            }}
            options={types.map((t) => ({ value: t.id, label: t.name }))}
          />
        </Space>
        {ledger.error ? (
          <ErrorState error={ledger.error} onRetry={ledger.reload} />
        ) : (
          <Table<LedgerEntryView>
            rowKey="id"
            size="small"
            columns={ledgerColumns}
            dataSource={ledger.data?.items ?? []}
            loading={ledger.loading}
            locale={{ emptyText: '暂无流水' }}
            pagination={{
              current: page,
              pageSize,
              total: ledger.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p, s) => {
                setPage(s !== pageSize ? 1 : p);
                setPageSize(s);
              },
            }}
          />
        )}
      </div>
    </Drawer>
  );
}
