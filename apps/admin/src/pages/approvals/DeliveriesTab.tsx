import { ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_PAGE_SIZE, PLATFORMS } from '@hrlink/shared';
import type { DeliveryStatus, DeliveryView, Platform } from '@hrlink/shared';
import { fetchDeliveries, retryDelivery } from '../../api/approvals';
import { showError, showSuccess } from '../../api/notify';
import { ErrorState } from '../../components/ErrorState';
import { PlatformTag } from '../../components/PlatformTags';
import { useRequest } from '../../hooks/useRequest';
import { DELIVERY_STATUS, deliveryKindName, prettyJson } from '../../utils/approvalLabels';
import { formatDateTime } from '../../utils/format';
import { platformName } from '../../utils/labels';
import { serverPagination } from '../../components/serverPagination';

const AUTO_REFRESH_MS = 5000;

function Reply({ d }: { d: DeliveryView }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="delivery-reply">
      {d.lastError && (
        <div>
          <Typography.Text strong>最后错误：</Typography.Text>
          <Typography.Text type="danger" style={{ whiteSpace: 'pre-wrap' }}>
            {d.lastError}
          </Typography.Text>
        </div>
      )}
      <div>
        <Typography.Text strong>平台回执：</Typography.Text>
        {d.platformRef ? (
          <pre style={{ margin: '4px 0 0', padding: 8, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, maxHeight: 240, overflow: 'auto' }}>
            {prettyJson(d.platformRef)}
          </pre>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        )}
      </div>
      <Typography.Text type="secondary">
        消息 ID {d.id}
        {d.instanceId ? ` · 审批 ${d.instanceId}` : ''}
      </Typography.Text>
    </Space>
  );
}

export function DeliveriesTab({ instanceId: initialInstanceId }: { instanceId?: string }) {
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [platform, setPlatform] = useState<Platform | undefined>();
  const [instanceId, setInstanceId] = useState<string>(initialInstanceId ?? '');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [auto, setAuto] = useState(false);
  const [retrying, setRetrying] = useState<string | null>(null);

  useEffect(() => {
    setInstanceId(initialInstanceId ?? '');
    setPage(1);
  }, [initialInstanceId]);

  const list = useRequest(
    () => fetchDeliveries({ status, platform, instanceId: instanceId.trim() || undefined, page, pageSize }),
    [status, platform, instanceId, page, pageSize],
  );
  const { reload } = list;
  useEffect(() => {
    if (!auto) return;
    const t = setInterval(reload, AUTO_REFRESH_MS);
    return () => clearInterval(t);
  }, [auto, reload]);

  const retry = async (d: DeliveryView) => {
    setRetrying(d.id);
    try {
      const next = await retryDelivery(d.id);
      showSuccess('已重新加入发送队列');
      if (list.data && next && next.id === d.id) {
        list.setData({ ...list.data, items: list.data.items.map((x) => (x.id === d.id ? next : x)) });
      } else reload();
    } catch (err) {
      showError(err, '重试失败');
      reload();
    } finally {
      setRetrying(null);
    }
  };

  const columns: TableColumnsType<DeliveryView> = [
    { title: '创建时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
    { title: '平台', dataIndex: 'platform', key: 'platform', width: 90, render: (p: Platform) => <PlatformTag platform={p} /> },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 120,
      render: (k: string) => <Tooltip title={k}>{deliveryKindName(k)}</Tooltip>,
    },
    { title: '接收人', key: 'recipient', width: 100, render: (_, r) => r.recipient?.name ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: DeliveryStatus) => (
        <Tag color={DELIVERY_STATUS[s]?.color} data-status={s}>
          {DELIVERY_STATUS[s]?.label ?? s}
        </Tag>
      ),
    },
    { title: '尝试次数', dataIndex: 'attempts', key: 'attempts', width: 90, align: 'right' },
    {
      title: '最后错误',
      dataIndex: 'lastError',
      key: 'lastError',
      width: 220,
      ellipsis: { showTitle: false },
      render: (e: string | null) =>
        e ? (
          <Tooltip title={e}>
            <Typography.Text type="danger">{e}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: '送达时间', dataIndex: 'sentAt', key: 'sentAt', width: 170, render: formatDateTime },
    {
      title: '下次尝试',
      dataIndex: 'nextAttemptAt',
      key: 'nextAttemptAt',
      width: 170,
      render: (v: string | null, r) => (r.status === 'sent' || r.status === 'failed' ? '—' : formatDateTime(v)),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, r) =>
        r.status === 'failed' ? (
          <Button
            size="small"
            icon={<RedoOutlined />}
            loading={retrying === r.id}
            onClick={(e) => {
              e.stopPropagation();
              retry(r);
            }}
            data-testid="delivery-retry"
          >
            重试
          </Button>
        ) : null,
    },
  ];

  const filtered = !!(status || platform || instanceId.trim());

  return (
    <Card
      size="small"
      title="消息投递"
      extra={
        <Space>
          <Space size={4}>
            <Typography.Text type="secondary">自动刷新</Typography.Text>
            <Switch size="small" checked={auto} onChange={setAuto} data-testid="delivery-auto-refresh" />
          </Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<DeliveryStatus>
          id="deliveries-status"
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(Object.keys(DELIVERY_STATUS) as DeliveryStatus[]).map((s) => ({ value: s, label: DELIVERY_STATUS[s].label }))}
        />
        <Select<Platform>
          id="deliveries-platform"
          allowClear
          placeholder="全部平台"
          style={{ width: 120 }}
          value={platform}
          onChange={(v) => {
            setPlatform(v);
            setPage(1);
          }}
          options={PLATFORMS.map((p) => ({ value: p, label: platformName(p) }))}
        />
        <Input.Search
          id="deliveries-instance"
          allowClear
          placeholder="审批 ID"
          style={{ width: 260 }}
          defaultValue={instanceId}
          key={initialInstanceId ?? ''}
          onSearch={(v) => {
            setInstanceId(v);
            setPage(1);
          }}
        />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={reload} />
      ) : (
        <div data-testid="deliveries">
          <Table<DeliveryView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading && !(auto && list.data)}
            scroll={{ x: 1400 }}
            locale={{ emptyText: filtered ? '没有符合条件的消息' : '暂无消息投递记录' }}
            expandable={{ expandedRowRender: (r) => <Reply d={r} />, rowExpandable: (r) => !!(r.platformRef || r.lastError) }}
            pagination={serverPagination({ page, pageSize, total: list.data?.total, setPage, setPageSize })}
          />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        每条消息失败后按指数退避自动重试，多次失败后标记为“失败”，可在此手动重试。展开行查看平台回执（task_id、message_id 等）。
      </Typography.Text>
    </Card>
  );
}
