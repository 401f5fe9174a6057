import { Button, Collapse, Descriptions, Divider, Drawer, Empty, Skeleton, Space, Steps, Tag, Timeline, Typography } from 'antd';
import type { ApprovalInstanceDetail, ApprovalStepView } from '@hrlink/shared';
import { fetchApprovalInstance } from '../api/approvals';
import { useRequest } from '../hooks/useRequest';
import {
  ACTION_COLOR,
  APPROVAL_STATUS_COLOR,
  MODE_LABEL,
  STEP_STATE,
  TASK_STATUS,
  VIA_LABEL,
  approvalStatusName,
  prettyJson,
  timelineHeadline,
} from '../utils/approvalLabels';
import { formatDateTime } from '../utils/format';
import { ErrorState } from './ErrorState';
import { PlatformTag } from './PlatformTags';

const STEP_STATUS: Record<ApprovalStepView['state'], 'wait' | 'process' | 'finish'> = {
  waiting: 'wait',
  current: 'process',
  done: 'finish',
  skipped: 'wait',
};

function StepsView({ steps }: { steps: ApprovalStepView[] }) {
  if (!steps.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有审批步骤" />;
  return (
    <Steps
      direction="vertical"
      size="small"
      data-testid="instance-steps"
      items={steps.map((s) => {
        const rejected = s.tasks.some((t) => t.status === 'rejected');
        return {
          status: rejected ? 'error' : STEP_STATUS[s.state],
          title: (
            <Space size={6} wrap>
              <span>{s.name}</span>
              <Tag>{MODE_LABEL[s.mode]}</Tag>
              <Tag color={STEP_STATE[s.state]?.color}>{STEP_STATE[s.state]?.label ?? s.state}</Tag>
            </Space>
          ),
          description: s.tasks.length ? (
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              {s.tasks.map((t) => (
                <div key={t.id} data-testid="instance-task" data-task-status={t.status}>
                  <Space size={6} wrap>
                    <span>{t.approver.name}</span>
                    <Tag color={TASK_STATUS[t.status]?.color}>{TASK_STATUS[t.status]?.label ?? t.status}</Tag>
                    {t.decidedAt && <Typography.Text type="secondary">{formatDateTime(t.decidedAt)}</Typography.Text>}
                  </Space>
                  {t.comment && <div style={{ color: '#666' }}>“{t.comment}”</div>}
                </div>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{s.state === 'skipped' ? '无审批人，已跳过' : '暂无审批人'}</Typography.Text>
          ),
        };
      })}
    />
  );
}

function Detail({ d, onDeliveries }: { d: ApprovalInstanceDetail; onDeliveries?: (instanceId: string) => void }) {
  return (
    <>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="标题" span={2}>
          {d.title}
        </Descriptions.Item>
        <Descriptions.Item label="类型">{d.businessTypeName}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={APPROVAL_STATUS_COLOR[d.status]} data-testid="instance-status" data-status={d.status}>
            {approvalStatusName(d.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="申请人">{d.applicant.name}</Descriptions.Item>
        <Descriptions.Item label="部门">{d.applicant.departments.map((x) => x.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="发起时间">{formatDateTime(d.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="完成时间">{formatDateTime(d.finishedAt)}</Descriptions.Item>
        <Descriptions.Item label="当前审批人" span={2}>
          {d.currentApprovers.length ? d.currentApprovers.map((a) => a.name).join('、') : '—'}
        </Descriptions.Item>
      </Descriptions>

      <Divider orientation="left">申请内容</Divider>
      {d.form.length ? (
        <Descriptions column={1} size="small" bordered data-testid="instance-form">
          {d.form.map((f, i) => (
            <Descriptions.Item key={i} label={f.label}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{f.value || '—'}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有表单内容" />
      )}

      {d.data && Object.keys(d.data).length > 0 && (
        <Collapse
          size="small"
          ghost
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'data',
              label: '原始数据（流程条件按这些字段判断）',
              children: <pre style={{ margin: 0, fontSize: 12 }}>{prettyJson(d.data)}</pre>,
            },
          ]}
        />
      )}

      <Divider orientation="left">审批步骤</Divider>
      <StepsView steps={d.steps} />

      <Divider orientation="left">审批记录</Divider>
      <div data-testid="instance-timeline">
        {d.timeline.length ? (
          <Timeline
            items={d.timeline.map((e) => ({
              color: ACTION_COLOR[e.action] ?? 'gray',
              children: (
                <div data-action={e.action}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{timelineHeadline(e)}</Typography.Text>
                    {e.via && <Tag>{VIA_LABEL[e.via] ?? e.via}</Tag>}
                    {e.platform && <PlatformTag platform={e.platform} />}
                  </Space>
                  {e.comment && <div style={{ whiteSpace: 'pre-wrap', color: '#555' }}>“{e.comment}”</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        )}
      </div>
      {onDeliveries && (
        <Button type="link" style={{ paddingInline: 0 }} onClick={() => onDeliveries(d.id)} data-testid="instance-deliveries">
          查看此审批的消息投递
        </Button>
      )}
    </>
  );
}

interface Props {
  id: string | undefined;
  onClose: () => void;
  onDeliveries?: (instanceId: string) => void;
}

export function InstanceDrawer({ id, onClose, onDeliveries }: Props) {
  const { data, error, loading, reload } = useRequest(() => (id ? fetchApprovalInstance(id) : Promise.resolve(undefined)), [id]);
  const detail = data && data.id === id ? data : undefined;

  let body;
  if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading || !detail) body = <Skeleton active paragraph={{ rows: 12 }} />;
  else body = <Detail d={detail} onDeliveries={onDeliveries} />;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={720}
      title={detail ? `审批详情 · ${detail.title}` : '审批详情'}
      extra={
        <Button size="small" onClick={reload} disabled={!id}>
          刷新
        </Button>
      }
      destroyOnHidden
    >
      <div data-testid="instance-drawer">{body}</div>
    </Drawer>
  );
}
