import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { MonthlyReportRow } from '@hrlink/shared';
import { saveBlob } from '../../api/client';
import { exportReport, fetchReport } from '../../api/attendance';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { reportColumns } from '../../utils/attendance';
import { DeptSelect } from './DeptSelect';

/** antd columns from reportColumns: grouped headers (迟到 / 早退 / 请假) as column groups. */
function toTableColumns(rows: MonthlyReportRow[]): TableColumnsType<MonthlyReportRow> {
  const out: TableColumnsType<MonthlyReportRow> = [];
  for (const c of reportColumns(rows)) {
    const col = {
      key: c.key,
      title: c.title,
      width: c.key === 'department' ? 160 : c.key === 'name' ? 100 : c.key === 'employeeNo' ? 90 : 80,
      fixed: c.key === 'name' ? ('left' as const) : undefined,
      align: c.key === 'name' || c.key === 'employeeNo' || c.key === 'department' ? undefined : ('right' as const),
      ellipsis: c.key === 'department',
      render: (_: unknown, r: MonthlyReportRow) => {
        const v = c.value(r);
        return v === 0 && !['workdays', 'daysWorked'].includes(c.key) ? <Typography.Text type="secondary">0</Typography.Text> : v;
      },
    };
    const last = out[out.length - 1] as { title?: unknown; children?: unknown[] } | undefined;
    if (c.group && last && last.title === c.group && last.children) last.children.push(col);
    else if (c.group) out.push({ key: `group:${c.group}`, title: c.group, children: [col] });
    else out.push(col);
  }
  return out;
}

/** 月度报表: month picker → GET report?month, 导出 Excel → report/export?month. */
export function ReportTab() {
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const m = month.format('YYYY-MM');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const report = useRequest(() => fetchReport(m, departmentId), [m, departmentId]);
  const [exporting, setExporting] = useState(false);
  const rows = report.data ?? [];
  const columns = useMemo(() => toTableColumns(rows), [rows]);

  const doExport = async () => {
    setExporting(true);
    try {
      const file = await exportReport(m, departmentId);
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
      title={
        <Space>
          月度报表
          <DatePicker
            id="report-month"
            picker="month"
            allowClear={false}
            value={month}
            onChange={(v) => v && setMonth(v.startOf('month'))}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
          <DeptSelect id="report-department" value={departmentId} onChange={setDepartmentId} placeholder="全部部门" style={{ width: 180 }} />
        </Space>
      }
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={report.reload}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={doExport} data-testid="report-export">
            导出 Excel
          </Button>
        </Space>
      }
    >
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : (
        <div data-testid="monthly-report" data-month={m}>
          <Table<MonthlyReportRow>
            rowKey={(r) => r.employee.id}
            size="small"
            bordered
            loading={report.loading}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: `${m} 没有考勤数据` }}
            pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (t) => `共 ${t} 人` }}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        天数可含半天（0.5）；本月数据在月末前会随打卡、请假、补卡变化。导出文件即可作为薪资核算的考勤数据。
      </Typography.Text>
    </Card>
  );
}
