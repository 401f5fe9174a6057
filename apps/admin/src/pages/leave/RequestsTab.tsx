import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { APPROVAL_STATUS_NAMES, DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { AdminLeaveRequestQuery, ApprovalStatus, EmployeeRef, LeaveRequestStatus, LeaveRequestView, LeaveTypeView, OvertimeRequestView } from '@hrlink/shared';
import { saveBlob, type DownloadedFile } from '../../api/client';
import { exportLeaveRequests, exportOvertimeRequests, fetchLeaveRequests, fetchOvertimeRequests, type AdminOvertimeQuery } from '../../api/leave';
import { showError, showSuccess } from '../../api/notify';
import { EmployeePicker } from '../../components/EmployeePicker';
import { ErrorState } from '../../components/ErrorState';
import { InstanceDrawer } from '../../components/InstanceDrawer';
import { useRequest } from '../../hooks/useRequest';
import { APPROVAL_STATUS_COLOR } from '../../utils/approvalLabels';
import { formatDateTime } from '../../utils/format';
import { AMOUNT_UNIT, LEAVE_STATUS, OVERTIME_DAY_KIND, formatAmount, formatPoint } from '../../utils/leave';
import { serverPagination } from '../../components/serverPagination';

interface Filters {
  status?: string;
  leaveTypeId?: string;
  employee: EmployeeRef | null;
  range: [Dayjs, Dayjs] | null;
}
const EMPTY: Filters = { employee: null, range: null };

function toQuery(f: Filters, page?: number, pageSize?: number) {
  return {
    status: f.status,
    leaveTypeId: f.leaveTypeId,
    employeeId: f.employee?.id,
    from: f.range?.[0].format('YYYY-MM-DD'),
    to: f.range?.[1].format('YYYY-MM-DD'),
    page,
    pageSize,
  };
}

const instanceLink = (id: string | null, open: (id: string) => void, label = '审批详情') =>
  id ? (
    <Button
      type="link"
      size="small"
      onClick={(e) => {
        e.stopPropagation();
        open(id);
      }}
      data-testid="request-instance"
    >
      {label}
    </Button>
  ) : (
    '—'
  );

/** Shared shell: filters, server paging, export, instance drawer. */
function RequestList<T extends { id: string; approvalInstanceId: string | null }>(props: {
  title: string;
  testId: string;
  exportTestId: string;
  statusOptions: { value: string; label: string }[];
  types?: LeaveTypeView[];
  columns: (open: (id: string) => void) => TableColumnsType<T>;
  load: (f: Filters, page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;
  exportFile: (f: Filters) => Promise<DownloadedFile>;
  scrollX: number;
}) {
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [openId, setOpenId] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);
  const list = useRequest(() => props.load(filters, page, pageSize), [filters, page, pageSize]);
  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const filtered = !!(filters.status || filters.leaveTypeId || filters.employee || filters.range);

  const doExport = async () => {
    setExporting(true);
    try {
      const file = await props.exportFile(filters);
      saveBlob(file);
      showSuccess(`已导出 ${file.filename}`);
    } catch (err) {
      showError(err, '导出失败');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      size="small"
      title={props.title}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} data-testid={props.exportTestId}>
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          id={`${props.testId}-status`}
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          options={props.statusOptions}
        />
        {props.types && (
          <Select
            id={`${props.testId}-type`}
            allowClear
            placeholder="全部假期类型"
            style={{ width: 150 }}
            value={filters.leaveTypeId}
            onChange={(v) => set({ leaveTypeId: v })}
            options={props.types.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        <EmployeePicker
          id={`${props.testId}-employee`}
          placeholder="员工"
          includeLeft
          value={filters.employee}
          onChange={(v) => set({ employee: v })}
          style={{ width: 180 }}
        />
        <DatePicker.RangePicker
          id={`${props.testId}-range`}
          value={filters.range}
          onChange={(v) => set({ range: v && v[0] && v[1] ? [v[0], v[1]] : null })}
          presets={[
            { label: '本月', value: [dayjs().startOf('month'), dayjs().endOf('month')] },
            { label: '上月', value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
            { label: '今年', value: [dayjs().startOf('year'), dayjs().endOf('year')] },
          ]}
        />
        {filtered && (
          <Button type="link" onClick={() => set({ ...EMPTY, status: undefined, leaveTypeId: undefined })}>
            清空筛选
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid={props.testId}>
          <Table<T>
            rowKey="id"
            size="middle"
            columns={props.columns(setOpenId)}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: props.scrollX }}
            locale={{ emptyText: filtered ? '没有符合条件的记录' : '暂无记录' }}
            onRow={(r) => ({
              onClick: () => r.approvalInstanceId && setOpenId(r.approvalInstanceId),
              style: { cursor: r.approvalInstanceId ? 'pointer' : undefined },
            })}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        日期范围按请假 / 加班日期筛选（与范围有交集即列出）；点击一行查看审批详情；导出包含全部符合筛选条件的记录。
      </Typography.Text>
      <InstanceDrawer id={openId} onClose={() => setOpenId(undefined)} 
        onDeliveries={(id) => navigate(`/approvals?tab=deliveries&instanceId=${encodeURIComponent(id)}`)}
      />
    </Card>
  );
}

const stamp = () => dayjs().format('YYYYMMDD-HHmm');

export function LeaveRequestsTab({ types }: { types: LeaveTypeView[] }) {
  return (
    <RequestList<LeaveRequestView>
      title="请假记录"
      testId="leave-requests"
      exportTestId="leave-requests-export"
      types={types}
      statusOptions={(Object.keys(LEAVE_STATUS) as LeaveRequestStatus[]).map((s) => ({ value: s, label: LEAVE_STATUS[s].label }))}
      scrollX={1180}
      load={(f, page, pageSize) => fetchLeaveRequests(toQuery(f, page, pageSize) as AdminLeaveRequestQuery)}
      exportFile={(f) => exportLeaveRequests(toQuery(f) as AdminLeaveRequestQuery, `请假记录-${stamp()}.xlsx`)}
      columns={(open) => [
        { title: '员工', key: 'employee', width: 100, fixed: 'left', render: (_, r) => r.employee.name },
        { title: '假期', key: 'type', width: 90, render: (_, r) => r.leaveType.name },
        { title: '开始', key: 'start', width: 150, render: (_, r) => formatPoint(r.start) },
        { title: '结束', key: 'end', width: 150, render: (_, r) => formatPoint(r.end) },
        { title: '时长', key: 'amount', width: 80, render: (_, r) => `${formatAmount(r.amount)} ${AMOUNT_UNIT[r.unit] ?? r.unit}` },
        {
          title: '状态',
          key: 'status',
          width: 90,
          render: (_, r) => (
            <Tag color={LEAVE_STATUS[r.status]?.color} data-status={r.status}>
              {LEAVE_STATUS[r.status]?.label ?? r.status}
            </Tag>
          ),
        },
        { title: '事由', dataIndex: 'reason', key: 'reason', ellipsis: true },
        { title: '申请时间', dataIndex: 'createdAt', key: 'createdAt', width: 160, render: formatDateTime },
        {
          title: '审批',
          key: 'instance',
          width: 170,
          fixed: 'right',
          render: (_, r) => (
            <Space size={0}>
              {instanceLink(r.approvalInstanceId, open)}
              {r.cancelApprovalInstanceId && instanceLink(r.cancelApprovalInstanceId, open, '销假审批')}
            </Space>
          ),
        },
      ]}
    />
  );
}

export function OvertimeRequestsTab() {
  return (
    <RequestList<OvertimeRequestView>
      title="加班记录"
      testId="overtime-requests"
      exportTestId="overtime-requests-export"
      statusOptions={(Object.keys(APPROVAL_STATUS_NAMES) as ApprovalStatus[]).map((s) => ({ value: s, label: APPROVAL_STATUS_NAMES[s] }))}
      scrollX={1080}
      load={(f, page, pageSize) => fetchOvertimeRequests(toQuery(f, page, pageSize) as AdminOvertimeQuery)}
      exportFile={(f) => exportOvertimeRequests(toQuery(f) as AdminOvertimeQuery, `加班记录-${stamp()}.xlsx`)}
      columns={(open) => [
        { title: '员工', key: 'employee', width: 100, fixed: 'left', render: (_, r) => r.employee.name },
        { title: '日期', dataIndex: 'date', key: 'date', width: 110 },
        { title: '类型', key: 'kind', width: 80, render: (_, r) => OVERTIME_DAY_KIND[r.dayKind] ?? r.dayKind },
        { title: '时长', key: 'hours', width: 80, render: (_, r) => `${formatAmount(r.hours)} 小时` },
        {
          title: '状态',
          key: 'status',
          width: 90,
          render: (_, r) => (
            <Tag color={APPROVAL_STATUS_COLOR[r.status]} data-status={r.status}>
              {APPROVAL_STATUS_NAMES[r.status] ?? r.status}
            </Tag>
          ),
        },
        {
          title: '调休',
          key: 'comp',
          width: 170,
          render: (_, r) =>
            r.status !== 'approved'
              ? '—'
              : r.compHoursGranted > 0
                ? `${formatAmount(r.compHoursGranted)} 小时${r.compExpiresOn ? `（${r.compExpiresOn} 过期）` : ''}`
                : '不计调休',
        },
        { title: '事由', dataIndex: 'reason', key: 'reason', ellipsis: true },
        { title: '申请时间', dataIndex: 'createdAt', key: 'createdAt', width: 160, render: formatDateTime },
        { title: '审批', key: 'instance', width: 100, fixed: 'right', render: (_, r) => instanceLink(r.approvalInstanceId, open) },
      ]}
    />
  );
}
