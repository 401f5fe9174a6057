import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { AdminBalanceQuery, AdminBalanceRow, DepartmentNode, LeaveBalanceView, LeaveTypeView } from '@hrlink/shared';
import { saveBlob } from '../../api/client';
import { exportBalances, fetchBalances } from '../../api/leave';
import { fetchDepartments } from '../../api/org';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { useRequest } from '../../hooks/useRequest';
import { AMOUNT_UNIT, formatAmount } from '../../utils/leave';
import { AdjustModal, LedgerDrawer } from './BalanceDialogs';
import { ImportModal } from './ImportModal';
import { serverPagination } from '../../components/serverPagination';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toTree = (nodes: DepartmentNode[]): TreeOption[] => nodes.map((n) => ({ value: n.id, title: n.name, children: toTree(n.children ?? []) }));

function BalanceCell({ b }: { b: LeaveBalanceView | undefined }) {
  if (!b) return <Typography.Text type="secondary">—</Typography.Text>;
  const u = AMOUNT_UNIT[b.unit] ?? '';
  return (
    <div data-type-code={b.leaveType.code} style={{ lineHeight: 1.4 }}>
      <div>
        <Typography.Text strong type={b.available < 0 ? 'danger' : undefined} data-testid="balance-available">
          {formatAmount(b.available)}
        </Typography.Text>{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {u}可用
        </Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        审批中 {formatAmount(b.pending)} · 已用 {formatAmount(b.used)}
        {b.carriedOver > 0 ? ` · 结转 ${formatAmount(b.carriedOver)}${b.carriedExpiresOn ? `（${b.carriedExpiresOn} 过期）` : ''}` : ''}
      </Typography.Text>
    </div>
  );
}

export function BalancesTab({ types }: { types: LeaveTypeView[] }) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<string | undefined>();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [leaveTypeId, setLeaveTypeId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [adjusting, setAdjusting] = useState<AdminBalanceRow['employee'] | null>(null);
  const [ledgerOf, setLedgerOf] = useState<AdminBalanceRow['employee'] | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const query: AdminBalanceQuery = { q: search, departmentId, leaveTypeId, page, pageSize };
  const list = useRequest(() => fetchBalances(query), [search, departmentId, leaveTypeId, page, pageSize]);
  const depts = useRequest(fetchDepartments, []);
  const deptTree = useMemo(() => toTree(depts.data ?? []), [depts.data]);

  // Columns: the balance types (or the filtered one); types the rows carry but the list does not know are added.
  const shownTypes = useMemo(() => {
    const base = types.filter((t) => (leaveTypeId ? t.id === leaveTypeId : t.requiresBalance || t.isAnnual));
    const extra = new Map<string, { id: string; name: string }>();
    for (const r of list.data?.items ?? [])
      for (const b of r.balances)
        if (!base.some((t) => t.id === b.leaveType.id) && (!leaveTypeId || b.leaveType.id === leaveTypeId)) extra.set(b.leaveType.id, b.leaveType);
    return [...base.map((t) => ({ id: t.id, name: t.name })), ...extra.values()];
  }, [types, leaveTypeId, list.data]);

  const setFilter = (fn: () => void) => {
    fn();
    setPage(1);
  };

  const columns: TableColumnsType<AdminBalanceRow> = [
    { title: '工号', key: 'no', width: 90, fixed: 'left', render: (_, r) => r.employee.employeeNo ?? '—' },
    { title: '姓名', key: 'name', width: 100, fixed: 'left', render: (_, r) => r.employee.name },
    ...shownTypes.map((t) => ({
      title: t.name,
      key: `t-${t.id}`,
      width: 170,
      render: (_: unknown, r: AdminBalanceRow) => <BalanceCell b={r.balances.find((b) => b.leaveType.id === t.id)} />,
    })),
    {
      title: '操作',
      key: 'op',
      width: 120,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setAdjusting(r.employee)} data-testid="balance-adjust">
            调整
          </Button>
          <Button type="link" size="small" onClick={() => setLedgerOf(r.employee)} data-testid="balance-ledger-open">
            流水
          </Button>
        </Space>
      ),
    },
  ];

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const file = await exportBalances(query, `假期余额-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
      saveBlob(file);
      showSuccess(`已导出 ${file.filename}`);
    } catch (err) {
      showError(err, '导出失败');
    } finally {
      setExporting(false);
    }
  };

  const filtered = !!(search || departmentId || leaveTypeId);

  return (
    <Card
      size="small"
      title="假期余额"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="balance-import">
            导入期初余额
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx} data-testid="balances-export">
            导出 Excel
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          id="balances-search"
          allowClear
          placeholder="搜索姓名 / 工号"
          style={{ width: 220 }}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            if (!e.target.value) setFilter(() => setSearch(undefined));
          }}
          onSearch={(v) => setFilter(() => setSearch(v.trim() || undefined))}
        />
        <TreeSelect
          id="balances-department"
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={depts.error ? '部门加载失败' : '全部部门'}
          style={{ width: 200 }}
          treeDefaultExpandAll
          value={departmentId}
          treeData={deptTree}
          onChange={(v) => setFilter(() => setDepartmentId(v))}
        />
        <Select
          id="balances-type"
          allowClear
          placeholder="全部假期类型"
          style={{ width: 160 }}
          value={leaveTypeId}
          onChange={(v) => setFilter(() => setLeaveTypeId(v))}
          options={types.map((t) => ({ value: t.id, label: t.enabled ? t.name : `${t.name}（已停用）` }))}
        />
        {filtered && (
          <Button
            type="link"
            onClick={() =>
              setFilter(() => {
                setQ('');
                setSearch(undefined);
                setDepartmentId(undefined);
                setLeaveTypeId(undefined);
              })
            }
          >
            清空筛选
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid="balances">
          <Table<AdminBalanceRow>
            rowKey={(r) => r.employee.id}
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 310 + shownTypes.length * 170 }}
            locale={{ emptyText: filtered ? '没有符合条件的员工' : '暂无余额数据' }}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize, unit: '人' })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        可用 = 已发放 − 已用 − 审批中；每次调整都记入流水并写入操作日志。导出包含全部符合筛选条件的员工。
      </Typography.Text>
      <AdjustModal
        employee={adjusting}
        types={types}
        initialTypeId={leaveTypeId}
        onClose={() => setAdjusting(null)}
        onDone={() => {
          setAdjusting(null);
          list.reload();
        }}
      />
      <LedgerDrawer employee={ledgerOf} types={types} initialTypeId={leaveTypeId} onClose={() => setLedgerOf(null)} />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} onImported={list.reload} />
    </Card>
  );
}
