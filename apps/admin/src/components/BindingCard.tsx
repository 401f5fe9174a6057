import { ApiOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ErrorCode, Routes } from '@hrlink/shared';
import type { PlatformBindingView, PlatformMeta, SyncRunView, TestConnectionResult } from '@hrlink/shared';
import { ApiError, errorMessage } from '../api/client';
import { fetchSyncRun, fetchSyncRuns, startSync, testBinding } from '../api/integrations';
import { showError, showSuccess } from '../api/notify';
import { useSyncRunPoll } from '../hooks/useSyncRunPoll';
import { formatDateTime } from '../utils/format';
import { PLATFORM_COLOR, SYNC_STATUS } from '../utils/labels';
import { callbackUrl } from '../utils/approvalLabels';
import { SyncProgress } from './SyncProgress';

interface Props {
  meta: PlatformMeta;
  binding: PlatformBindingView | undefined;
  testIdSuffix?: string;
  onAdd: () => void;
  onEdit: (binding: PlatformBindingView) => void;
  onSyncFinished: (run: SyncRunView) => void;
}

type TestState = { result: TestConnectionResult } | { error: unknown } | null;

async function latestRunningRun(bindingId: string): Promise<SyncRunView | null> {
  const page = await fetchSyncRuns({ bindingId, page: 1, pageSize: 1 });
  const run = page.items[0];
  return run && run.status === 'running' ? run : null;
}

function TestResult({ state }: { state: TestState }) {
  if (!state) return null;
  if ('error' in state) {
    return <Alert type="error" showIcon message="连接失败" description={errorMessage(state.error)} data-testid="test-result" />;
  }
  const { result } = state;
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      message={result.ok ? `连接成功（${result.latencyMs} 毫秒）` : `连接失败（${result.latencyMs} 毫秒）`}
      description={result.message}
      data-testid="test-result"
    />
  );
}

/** Label of the binding's to-do switch; WeCom has none (its cards carry the buttons). */
export const TODO_LABEL: Partial<Record<PlatformBindingView['platform'], string>> = {
  dingtalk: '同时创建钉钉待办',
  feishu: '同步到飞书审批中心',
};

function CallbackUrl({ binding }: { binding: PlatformBindingView }) {
  // Servers older than the callbackPath field: the path the contract defines for the binding.
  const path = binding.callbackPath || Routes.callbacks.binding(binding.platform, binding.id);
  const url = callbackUrl(window.location.origin, path);
  return (
    <div>
      <Typography.Text copyable={{ text: url, tooltips: ['复制', '已复制'] }} code data-testid={`callback-url-${binding.platform}`} style={{ wordBreak: 'break-all' }}>
        {url}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          填入开放平台开发者后台的事件订阅/回调地址
        </Typography.Text>
      </div>
    </div>
  );
}

function BindingInfo({ meta, binding }: { meta: PlatformMeta; binding: PlatformBindingView }) {
  const has = (key: string) => meta.fields.some((f) => f.key === key);
  const label = (key: string, fallback: string) => meta.fields.find((f) => f.key === key)?.label ?? fallback;
  const status = binding.lastSyncStatus ? SYNC_STATUS[binding.lastSyncStatus] : null;
  return (
    <Descriptions column={1} size="small" styles={{ label: { width: 150 } }}>
      <Descriptions.Item label={label('corpId', 'CorpId')}>
        <Typography.Text copyable>{binding.corpId}</Typography.Text>
      </Descriptions.Item>
      {has('appKey') && <Descriptions.Item label={label('appKey', 'AppKey')}>{binding.appKey ?? '—'}</Descriptions.Item>}
      <Descriptions.Item label={label('appSecret', 'Secret')}>
        <span data-testid="secret-masked">{binding.appSecretSet ? binding.appSecretMasked ?? '已设置' : '未设置'}</span>
      </Descriptions.Item>
      {has('agentId') && <Descriptions.Item label="AgentId">{binding.agentId ?? '—'}</Descriptions.Item>}
      <Descriptions.Item label="回调地址">
        <CallbackUrl binding={binding} />
      </Descriptions.Item>
      {binding.platform !== 'wecom' && (
        <Descriptions.Item label={TODO_LABEL[binding.platform] ?? '待办'}>
          <span data-testid={`todo-${binding.platform}`}>{binding.todoEnabled ? '已开启' : '未开启'}</span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label="回调配置">
        Token {binding.callbackTokenSet ? '已设置' : '未设置'}，密钥 {binding.callbackAesKeySet ? '已设置' : '未设置'}
      </Descriptions.Item>
      <Descriptions.Item label="最近同步">
        {status ? <Badge status={status.color as 'success'} text={status.label} /> : '从未同步'}
        {binding.lastSyncAt && <Typography.Text type="secondary"> · {formatDateTime(binding.lastSyncAt)}</Typography.Text>}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function BindingCard({ meta, binding, testIdSuffix = '', onAdd, onEdit, onSyncFinished }: Props) {
  const p = meta.platform;
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestState>(null);
  const [syncStart, setSyncStart] = useState<SyncRunView | null>(null);
  const [starting, setStarting] = useState(false);

  const finished = useCallback(
    (run: SyncRunView) => {
      if (run.status === 'succeeded') showSuccess(`${meta.displayName}同步完成`);
      else showError(new Error(run.errors[0]?.message ?? '同步失败'), `${meta.displayName}同步失败`);
      onSyncFinished(run);
    },
    [meta.displayName, onSyncFinished],
  );
  const { run, pollError } = useSyncRunPoll(syncStart, finished);
  const running = starting || run?.status === 'running';

  // A sync started elsewhere (another tab, the schedule) is still running: show its progress.
  const bindingId = binding?.id;
  const bindingRunning = binding?.lastSyncStatus === 'running';
  useEffect(() => {
    if (!bindingId || !bindingRunning || syncStart) return;
    let cancelled = false;
    latestRunningRun(bindingId).then(
      (r) => !cancelled && r && setSyncStart(r),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bindingId, bindingRunning]);

  if (!binding) {
    return (
      <Card title={<Tag color={PLATFORM_COLOR[p]}>{meta.displayName}</Tag>} data-testid={`binding-${p}`} data-bound="false">
        <Empty description="尚未绑定">
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid={`add-${p}`}>
            添加绑定
          </Button>
        </Empty>
      </Card>
    );
  }

  const runTest = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest({ result: await testBinding(binding.id) });
    } catch (err) {
      setTest({ error: err });
    } finally {
      setTesting(false);
    }
  };

  const runSync = async () => {
    setStarting(true);
    try {
      setSyncStart(await startSync(binding.id));
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.SYNC_ALREADY_RUNNING) {
        const runId = typeof err.details?.runId === 'string' ? err.details.runId : null;
        const current = await (runId ? fetchSyncRun(runId) : latestRunningRun(binding.id)).catch(() => null);
        if (current) setSyncStart(current);
        else showError(err);
      } else {
        showError(err, '无法开始同步');
      }
    } finally {
      setStarting(false);
    }
  };

  return (
    <Card
      data-testid={`binding-${p}${testIdSuffix}`}
      data-bound="true"
      title={
        <Space>
          <Tag color={PLATFORM_COLOR[p]}>{meta.displayName}</Tag>
          {binding.isOrgSource && (
            <Tag color="gold" data-testid={`org-source-${p}`}>
              组织架构数据源
            </Tag>
          )}
          {!binding.enabled && <Tag>已停用</Tag>}
        </Space>
      }
      extra={
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(binding)} data-testid={`edit-${p}`}>
          编辑
        </Button>
      }
      actions={[
        <Button key="test" type="text" icon={<ApiOutlined />} loading={testing} onClick={runTest} data-testid={`test-${p}`}>
          测试连接
        </Button>,
        <Button
          key="sync"
          type="text"
          icon={<SyncOutlined spin={running} />}
          disabled={running || !binding.enabled}
          onClick={runSync}
          data-testid={`sync-${p}`}
        >
          {running ? '同步中' : '立即同步'}
        </Button>,
      ]}
    >
      <BindingInfo meta={meta} binding={binding} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <TestResult state={test} />
        {run && <SyncProgress run={run} pollError={pollError} />}
      </Space>
    </Card>
  );
}
