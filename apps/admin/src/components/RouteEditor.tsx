import { PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ErrorCode } from '@hrlink/shared';
import type { ApprovalRouteView, EmployeeRef } from '@hrlink/shared';
import { saveApprovalRoute } from '../api/approvals';
import { ApiError } from '../api/client';
import { showSuccess } from '../api/notify';
import { fetchEmployee } from '../api/org';
import { useRequest } from '../hooks/useRequest';
import { detailLines } from '../utils/details';
import { formatDateTime } from '../utils/format';
import {
  ROUTE_LIMITS,
  moveStep,
  newStep,
  routeErrorLines,
  serverStepErrors,
  toDraft,
  toRequest,
  validateRoute,
  withNames,
  type RouteDraft,
} from '../utils/route';
import { ErrorState } from './ErrorState';
import { RouteStepCard } from './RouteStepCard';

/** Names for the people a route names by id (the route stores ids only). */
async function resolveNames(route: ApprovalRouteView): Promise<Record<string, EmployeeRef>> {
  const ids = new Set<string>();
  for (const s of route.steps) if (s.approver.type === 'employees') s.approver.employeeIds.forEach((id) => ids.add(id));
  const found = await Promise.all([...ids].map((id) => fetchEmployee(id).catch(() => null)));
  const names: Record<string, EmployeeRef> = {};
  for (const e of found) if (e) names[e.id] = { id: e.id, name: e.name, title: e.title };
  return names;
}

function ServerError({ error, people }: { error: unknown; people: EmployeeRef[] }) {
  const api = error instanceof ApiError ? error : null;
  const lines = api ? (api.code === ErrorCode.APPROVAL_ROUTE_INVALID ? routeErrorLines(api.details).map((l) => withNames(l, people)) : []) : [];
  const fallback = api && !lines.length ? detailLines(api.details) : [];
  const all = [...lines, ...fallback];
  return (
    <Alert
      type="error"
      showIcon
      message={`保存失败：${error instanceof Error ? error.message : String(error)}`}
      description={
        all.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {all.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
      data-testid="route-server-error"
    />
  );
}

interface Props {
  route: ApprovalRouteView;
  onSaved: (route: ApprovalRouteView) => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** Editor for one business type's route. */
export function RouteEditor({ route, onSaved, onDirtyChange }: Props) {
  const names = useRequest(() => resolveNames(route), [route]);
  const initial = useMemo(() => (names.data ? toDraft(route, names.data) : null), [route, names.data]);
  const [draft, setDraft] = useState<RouteDraft | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);

  useEffect(() => {
    setDraft(initial);
    setSubmitted(false);
    setServerError(null);
  }, [initial]);

  const dirty = !!(draft && initial && JSON.stringify(toRequest(draft)) !== JSON.stringify(toRequest(initial)));
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Closing or reloading the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (names.error) return <ErrorState error={names.error} onRetry={names.reload} />;
  if (!draft) return <Skeleton active paragraph={{ rows: 8 }} />;

  const errors = submitted ? validateRoute(draft) : [];
  const routeError = (field: 'steps' | 'reminderHours') => errors.find((e) => e.step === -1 && e.field === field)?.message;
  // The server's messages stay while fields are edited; adding, removing or moving steps shifts indexes, so drop them.
  const update = (next: RouteDraft, structural = false) => {
    setDraft(next);
    if (structural) setServerError(null);
  };

  const save = async () => {
    setSubmitted(true);
    if (validateRoute(draft).length) return;
    setSaving(true);
    setServerError(null);
    try {
      const saved = await saveApprovalRoute(route.businessType, toRequest(draft));
      showSuccess(`${route.businessTypeName}流程已保存`);
      onSaved(saved);
    } catch (err) {
      setServerError(err);
    } finally {
      setSaving(false);
    }
  };

  const stepsError = routeError('steps');
  const people = draft.steps.flatMap((s) => s.employees);
  const fromServer =
    serverError instanceof ApiError && serverError.code === ErrorCode.APPROVAL_ROUTE_INVALID ? serverStepErrors(serverError.details) : {};
  const hoursError = routeError('reminderHours');

  return (
    <div data-testid="route-editor" data-business-type={route.businessType}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {route.businessTypeName}
          </Typography.Title>
          {route.id === null ? <Tag data-testid="route-default">系统默认流程</Tag> : <Tag color="blue">已自定义</Tag>}
          {route.updatedAt && <Typography.Text type="secondary">最近保存 {formatDateTime(route.updatedAt)}</Typography.Text>}
          {dirty && <Tag color="orange">有未保存的修改</Tag>}
        </Space>
        {route.id === null && (
          <Alert type="info" showIcon message="当前使用系统默认流程（尚未保存过）。修改并保存后，该类型的新申请将按此流程审批。" />
        )}
        <Alert
          type="info"
          message="申请人不会审批自己的申请（自动跳过该级）；某步骤找不到审批人时跳到下一步，都没有时转给 HR。已发起的申请不受流程修改影响。"
        />

        {draft.steps.length === 0 ? (
          <Empty description="还没有审批步骤" />
        ) : (
          draft.steps.map((s, i) => (
            <RouteStepCard
              key={s.key}
              index={i}
              count={draft.steps.length}
              step={s}
              businessType={route.businessType}
              errors={errors.filter((e) => e.step === i)}
              serverErrors={fromServer[i]?.map((m) => withNames(m, people))}
              onChange={(next) => update({ ...draft, steps: draft.steps.map((x, j) => (j === i ? next : x)) })}
              onMove={(delta) => update({ ...draft, steps: moveStep(draft.steps, i, delta) }, true)}
              onRemove={() => update({ ...draft, steps: draft.steps.filter((_, j) => j !== i) }, true)}
            />
          ))
        )}
        {stepsError && <Alert type="error" showIcon message={stepsError} data-testid="route-steps-error" />}
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          disabled={draft.steps.length >= ROUTE_LIMITS.maxSteps}
          onClick={() => update({ ...draft, steps: [...draft.steps, newStep(draft.steps.length)] }, true)}
          data-testid="route-add-step"
        >
          添加审批步骤
        </Button>

        <Card size="small">
          <Form layout="inline" component="div">
            <Form.Item
              label="超时催办"
              validateStatus={hoursError ? 'error' : undefined}
              help={hoursError}
              extra={hoursError ? undefined : '审批人超过该时长未处理时再发一条提醒；留空表示不催办'}
            >
              <Input
                id="route-reminder-hours"
                style={{ width: 160 }}
                value={draft.reminderHours}
                placeholder="不催办"
                suffix="小时"
                inputMode="numeric"
                onChange={(e) => update({ ...draft, reminderHours: e.target.value })}
              />
            </Form.Item>
          </Form>
        </Card>

        {serverError ? <ServerError error={serverError} people={people} /> : null}
        {submitted && errors.length > 0 && (
          <Alert type="warning" showIcon message={`还有 ${errors.length} 处需要修改`} data-testid="route-client-errors" />
        )}
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={save} data-testid="route-save">
            保存流程
          </Button>
          <Button icon={<UndoOutlined />} disabled={!dirty || saving} onClick={() => initial && update(initial, true)}>
            撤销修改
          </Button>
        </Space>
      </Space>
    </div>
  );
}
