import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { LeaveTypeView } from '@hrlink/shared';
import { fetchLeaveTypes, updateLeaveType } from '../../api/leave';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { UNIT_LABEL, draftFromType, leaveTypeRequest } from '../../utils/leave';
import { LeaveTypeModal } from './LeaveTypeModal';

const orNone = (v: number | string | null, suffix = '') => (v === null || v === '' ? '—' : `${v}${suffix}`);

export function LeaveTypesTab() {
  const { modal } = App.useApp();
  const types = useRequest(fetchLeaveTypes, []);
  const [editing, setEditing] = useState<LeaveTypeView | null | undefined>(undefined);
  const [toggling, setToggling] = useState<string | null>(null);

  const toggle = (t: LeaveTypeView, enabled: boolean) => {
    const run = async () => {
      setToggling(t.id);
      try {
        await updateLeaveType(t.id, leaveTypeRequest({ ...draftFromType(t), enabled }));
        showSuccess(enabled ? `已启用 ${t.name}` : `已停用 ${t.name}`);
        types.reload();
      } catch (err) {
        showError(err, enabled ? '启用失败' : '停用失败');
      } finally {
        setToggling(null);
      }
    };
    if (enabled) return void run();
    modal.confirm({
      title: `停用「${t.name}」？`,
      content: '停用后员工不能再申请此假期；已有的申请、余额和流水保留，可随时重新启用。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: run,
    });
  };

  const columns: TableColumnsType<LeaveTypeView> = [
    {
      title: '名称',
      key: 'name',
      width: 150,
      fixed: 'left',
      render: (_, t) => (
        <Space size={4}>
          <span>{t.name}</span>
          {t.isAnnual && <Tag color="blue">按年发放</Tag>}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'enabled',
      width: 90,
      render: (_, t) => (
        <Switch
          size="small"
          checked={t.enabled}
          loading={toggling === t.id}
          onChange={(v) => toggle(t, v)}
          data-testid="leave-type-enabled"
          checkedChildren="启用"
          unCheckedChildren="停用"
        />
      ),
    },
    { title: '编码', dataIndex: 'code', key: 'code', width: 120 },
    { title: '带薪', key: 'paid', width: 70, render: (_, t) => (t.paid ? '是' : <Tag>无薪</Tag>) },
    { title: '单位', key: 'unit', width: 70, render: (_, t) => UNIT_LABEL[t.unit] ?? t.unit },
    { title: '计算方式', key: 'counts', width: 110, render: (_, t) => (t.countsRestDays ? '自然日' : '工作日') },
    {
      title: '余额',
      key: 'balance',
      width: 110,
      render: (_, t) => (t.requiresBalance ? (t.allowNegative ? '需要（可透支）' : '需要') : '不需要'),
    },
    { title: '附件', key: 'att', width: 100, render: (_, t) => (t.attachmentOverDays === null ? '—' : `超过 ${t.attachmentOverDays} 天`) },
    { title: '提前申请', key: 'notice', width: 90, render: (_, t) => orNone(t.minNoticeDays, ' 天') },
    { title: '单次最多', key: 'max', width: 90, render: (_, t) => orNone(t.maxPerRequest, t.unit === 'hour' ? ' 小时' : ' 天') },
    {
      title: '结转',
      key: 'carry',
      width: 150,
      render: (_, t) =>
        t.carryForwardCap === null ? '不结转' : `最多 ${t.carryForwardCap}${t.carryForwardExpiry ? `，次年 ${t.carryForwardExpiry} 过期` : ''}`,
    },
    {
      title: '操作',
      key: 'op',
      width: 70,
      fixed: 'right',
      render: (_, t) => (
        <Button type="link" size="small" onClick={() => setEditing(t)} data-testid="leave-type-edit">
          编辑
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="假期类型"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={types.reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="leave-type-add">
            新建假期类型
          </Button>
        </Space>
      }
    >
      {types.error ? (
        <ErrorState error={types.error} onRetry={types.reload} />
      ) : (
        <div data-testid="leave-types">
          <Table<LeaveTypeView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={types.data ?? []}
            loading={types.loading}
            pagination={false}
            scroll={{ x: 1260 }}
            rowClassName={(t) => (t.enabled ? '' : 'leave-type-disabled')}
            onRow={(t) => ({ style: t.enabled ? undefined : { color: 'rgba(0,0,0,0.45)' } })}
            locale={{ emptyText: '暂无假期类型' }}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        假期类型不能删除；停用后员工端不再显示，历史记录保留。
      </Typography.Text>
      <LeaveTypeModal
        editing={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          types.reload();
        }}
      />
    </Card>
  );
}
