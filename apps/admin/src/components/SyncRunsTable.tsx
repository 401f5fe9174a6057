import { Badge, Button, Card, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_PAGE_SIZE } from '@hrlink/shared';
import type { PlatformBindingView, SyncRunView } from '@hrlink/shared';
import { fetchSyncRuns } from '../api/integrations';
import { useRequest } from '../hooks/useRequest';
import { formatDateTime, formatDuration, runDurationMs } from '../utils/format';
import { SYNC_STATUS, TRIGGER_LABEL, platformName } from '../utils/labels';
import { ErrorState } from './ErrorState';
import { PlatformTag } from './PlatformTags';

const triple = (c: number, u: number, d: number) => (
  <Tooltip title={`新增 ${c} / 更新 ${u} / 停用 ${d}`}>
    <span>
      +{c} / ~{u} / -{d}
    </span>
  </Tooltip>
);

const columns: TableColumnsType<SyncRunView> = [
  { title: '开始时间', dataIndex: 'startedAt', key: 'startedAt', width: 170, render: formatDateTime },
  { title: '平台', dataIndex: 'platform', key: 'platform', width: 100, render: (p) => <PlatformTag platform={p} /> },
  { title: '触发', dataIndex: 'trigger', key: 'trigger', width: 80, render: (t: SyncRunView['trigger']) => TRIGGER_LABEL[t] ?? t },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    width: 90,
    render: (s: SyncRunView['status']) => <Badge status={SYNC_STATUS[s]?.color as 'success'} text={SYNC_STATUS[s]?.label ?? s} />,
  },
  {
    title: '耗时',
    key: 'duration',
    width: 100,
    render: (_, r) => (r.finishedAt ? formatDuration(runDurationMs(r.startedAt, r.finishedAt)) : '进行中'),
  },
  {
    title: '部门 新增/更新/停用',
    key: 'departments',
    width: 150,
    render: (_, r) => triple(r.departmentsCreated, r.departmentsUpdated, r.departmentsDeactivated),
  },
  {
    title: '员工 新增/更新/停用',
    key: 'employees',
    width: 150,
    render: (_, r) => triple(r.employeesCreated, r.employeesUpdated, r.employeesDeactivated),
  },
  {
    title: '关联身份',
    key: 'identities',
    width: 90,
    render: (_, r) => (r.identitiesRemoved ? `${r.identitiesLinked}（移除 ${r.identitiesRemoved}）` : r.identitiesLinked),
  },
  { title: '未匹配', dataIndex: 'unmatched', key: 'unmatched', width: 80 },
  { title: '写入行数', dataIndex: 'rowsWritten', key: 'rowsWritten', width: 90 },
  {
    title: '错误',
    key: 'errors',
    width: 80,
    render: (_, r) => (r.errors.length ? <Typography.Text type="danger">{r.errors.length} 条</Typography.Text> : '—'),
  },
];

function ErrorList({ run }: { run: SyncRunView }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="sync-run-errors">
      {run.errors.map((e, i) => (
        <li key={i}>
          {e.code && <Typography.Text code>{e.code}</Typography.Text>} {e.message}
          {e.context && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {JSON.stringify(e.context)}
            </Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Sync history, paged on the server, filterable by binding. Reloads when refreshKey changes. */
export function SyncRunsTable({ bindings, refreshKey }: { bindings: PlatformBindingView[]; refreshKey: number }) {
  const [bindingId, setBindingId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const runs = useRequest(() => fetchSyncRuns({ bindingId, page, pageSize }), [bindingId, page, pageSize, refreshKey]);

  // While a run in view is still running, refresh every 2 s.
  const anyRunning = runs.data?.items.some((r) => r.status === 'running') ?? false;
  const { reload } = runs;
  useEffect(() => {
    if (!anyRunning) return;
    const t = setTimeout(reload, 2000);
    return () => clearTimeout(t);
  }, [anyRunning, runs.data, reload]);

  return (
    <Card
      title="同步记录"
      size="small"
      extra={
        <Space>
          <Select
            id="sync-runs-binding"
            allowClear
            placeholder="全部平台"
            style={{ width: 220 }}
            value={bindingId}
            onChange={(v) => {
              setBindingId(v);
              setPage(1);
            }}
            options={bindings.map((b) => ({ value: b.id, label: `${platformName(b.platform)} · ${b.corpId}` }))}
          />
          <Button onClick={reload}>刷新</Button>
        </Space>
      }
    >
      {runs.error ? (
        <ErrorState error={runs.error} onRetry={reload} />
      ) : (
        <div data-testid="sync-runs">
          <Table<SyncRunView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={runs.data?.items ?? []}
            loading={runs.loading && !anyRunning}
            scroll={{ x: 1200 }}
            locale={{ emptyText: '暂无同步记录' }}
            expandable={{
              rowExpandable: (r) => r.errors.length > 0,
              expandedRowRender: (r) => <ErrorList run={r} />,
            }}
            pagination={{
              current: page,
              pageSize,
              total: runs.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              },
            }}
          />
        </div>
      )}
    </Card>
  );
}
