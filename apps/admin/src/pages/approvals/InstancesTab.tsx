import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { APPROVAL_STATUS_NAMES, DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { ApprovalInstanceSummary, ApprovalStatus } from '@hrlink/shared';
import { exportApprovalInstances, fetchApprovalInstances } from '../../api/approvals';
import { saveBlob } from '../../api/client';
import { showError, showSuccess } from '../../api/notify';
import { EmployeePicker } from '../../components/EmployeePicker';
import { ErrorState } from '../../components/ErrorState';
import { InstanceDrawer } from '../../components/InstanceDrawer';
import { useRequest } from '../../hooks/useRequest';
import { ADMIN_BUSINESS_TYPES, APPROVAL_STATUS_COLOR, approvalStatusName, businessTypeName } from '../../utils/approvalLabels';
import { formatDateTime } from '../../utils/format';
import { toInstanceQuery, type InstanceFilters } from '../../utils/instanceQuery';
import { serverPagination } from '../../components/serverPagination';

const columns: TableColumnsType<ApprovalInstanceSummary> = [
  { title: '标题', dataIndex: 'title', key: 'title', width: 220, ellipsis: true, fixed: 'left' },
  { title: '类型', key: 'type', width: 100, render: (_, r) => businessTypeName(r.businessType, r.businessTypeName) },
  { title: '申请人', key: 'applicant', width: 100, render: (_, r) => r.applicant.name },
  {
    title: '部门',
    key: 'dept',
    width: 130,
    ellipsis: true,
    render: (_, r) => r.applicant.departments.map((d) => d.name).join('、') || '—',
  },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    width: 90,
    render: (s: ApprovalStatus) => (
      <Tag color={APPROVAL_STATUS_COLOR[s]} data-status={s}>
        {approvalStatusName(s)}
      </Tag>
    ),
  },
  {
    title: '当前审批人',
    key: 'current',
    width: 140,
    ellipsis: true,
    render: (_, r) => r.currentApprovers.map((a) => a.name).join('、') || '—',
  },
  { title: '发起时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
  { title: '完成时间', dataIndex: 'finishedAt', key: 'finishedAt', width: 170, render: formatDateTime },
];

export function InstancesTab({ onDeliveries }: { onDeliveries: (instanceId: string) => void }) {
  const [filters, setFilters] = useState<InstanceFilters>({ applicant: null, range: null });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [openId, setOpenId] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);
  const list = useRequest(() => fetchApprovalInstances(toInstanceQuery(filters, page, pageSize)), [filters, page, pageSize]);

  const setFilter = (patch: Partial<InstanceFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await exportApprovalInstances(toInstanceQuery(filters), `审批记录-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
      saveBlob(file);
      showSuccess(`已导出 ${file.filename}`);
    } catch (err) {
      showError(err, '导出失败');
    } finally {
      setExporting(false);
    }
  };

  const filtered = !!(filters.businessType || filters.status || filters.applicant || filters.range);

  return (
    <Card
      size="small"
      title="审批记录"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="approval-export">
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          id="instances-type"
          allowClear
          placeholder="全部类型"
          style={{ width: 140 }}
          value={filters.businessType}
          onChange={(v) => setFilter({ businessType: v })}
          options={ADMIN_BUSINESS_TYPES.map((t) => ({ value: t, label: businessTypeName(t) }))}
        />
        <Select<ApprovalStatus>
          id="instances-status"
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          options={(Object.keys(APPROVAL_STATUS_NAMES) as ApprovalStatus[]).map((s) => ({ value: s, label: APPROVAL_STATUS_NAMES[s] }))}
        />
        <EmployeePicker
          id="instances-applicant"
          placeholder="申请人"
          includeLeft
          value={filters.applicant}
          onChange={(v) => setFilter({ applicant: v })}
          style={{ width: 180 }}
        />
        <DatePicker.RangePicker
          id="instances-range"
          value={filters.range}
          allowEmpty={[false, false]}
          onChange={(v) => setFilter({ range: v && v[0] && v[1] ? [v[0], v[1]] : null })}
          presets={[
            { label: '最近 7 天', value: [dayjs().subtract(6, 'day'), dayjs()] },
            { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
            { label: '上月', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => setFilter({ businessType: undefined, status: undefined, applicant: null, range: null })}>
            清空筛选
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid="approval-instances">
          <Table<ApprovalInstanceSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 1120 }}
            locale={{ emptyText: filtered ? '没有符合条件的审批' : '暂无审批记录' }}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        日期按企业时区的发起日期筛选；导出包含全部符合筛选条件的记录。
      </Typography.Text>
      <InstanceDrawer
        id={openId}
        onClose={() => setOpenId(undefined)}
        onDeliveries={(id) => {
          setOpenId(undefined);
          onDeliveries(id);
        }}
      />
    </Card>
  );
}
