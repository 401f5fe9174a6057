import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Tooltip, Typography } from 'antd';
import type { Role } from '@hrlink/shared';
import {
  APPROVER_TYPE_LABEL,
  CONDITION_FIELDS,
  CONDITION_OPS,
  ROUTE_LIMITS,
  ROUTE_ROLES,
  emptyCondition,
  type ApproverType,
  type RouteError,
  type StepDraft,
} from '../utils/route';
import { MODE_HELP, MODE_LABEL } from '../utils/approvalLabels';
import { ROLE_LABEL } from '../utils/labels';
import { EmployeePicker } from './EmployeePicker';

const LEVELS = Array.from({ length: ROUTE_LIMITS.maxLevel - ROUTE_LIMITS.minLevel + 1 }, (_, i) => i + ROUTE_LIMITS.minLevel);

interface Props {
  index: number;
  count: number;
  step: StepDraft;
  businessType: string;
  errors: RouteError[];
  /** The server's messages for this step from the last save (APPROVAL_ROUTE_INVALID). */
  serverErrors?: string[];
  onChange: (step: StepDraft) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

/** The field hint for conditions: which data fields this business type stores. */
export function conditionHint(businessType: string): string {
  const fields = CONDITION_FIELDS[businessType];
  const known = fields?.length ? fields.map((f) => `${f.field}（${f.label}）`).join('、') : '暂无预置字段';
  return `可用字段取决于业务类型（通用审批：amountFen；请假：days、hours）。当前类型：${known}。全部留空表示该步骤始终生效`;
}

export function RouteStepCard({ index, count, step, businessType, errors, serverErrors, onChange, onMove, onRemove }: Props) {
  const err = (field: RouteError['field']) => errors.find((e) => e.field === field)?.message;
  const item = (field: RouteError['field']) => {
    const message = err(field);
    return message ? { validateStatus: 'error' as const, help: message } : {};
  };
  const set = (patch: Partial<StepDraft>) => onChange({ ...step, ...patch });
  const c = step.condition;
  const fieldOptions = (CONDITION_FIELDS[businessType] ?? []).map((f) => ({ value: f.field, label: `${f.field}（${f.label}）` }));
  const pre = `step-${index}`;

  return (
    <Card
      size="small"
      data-testid="route-step"
      data-step-index={index}
      title={<Typography.Text strong>第 {index + 1} 步</Typography.Text>}
      extra={
        <Space size={4}>
          <Tooltip title="上移">
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} data-testid="step-up" aria-label="上移" />
          </Tooltip>
          <Tooltip title="下移">
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              onClick={() => onMove(1)}
              data-testid="step-down"
              aria-label="下移"
            />
          </Tooltip>
          <Tooltip title="删除此步骤">
            <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="step-remove" aria-label="删除" />
          </Tooltip>
        </Space>
      }
    >
      {serverErrors?.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={serverErrors.join('；')}
          data-testid="route-step-server-error"
        />
      ) : null}
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label="步骤名称" required {...item('name')}>
              <Input
                id={`${pre}-name`}
                value={step.name}
                maxLength={ROUTE_LIMITS.maxNameLength + 10}
                placeholder="如：直属上级审批"
                onChange={(e) => set({ name: e.target.value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="审批人" required>
              <Select<ApproverType>
                id={`${pre}-approver`}
                value={step.approverType}
                onChange={(v) => set({ approverType: v })}
                options={(Object.keys(APPROVER_TYPE_LABEL) as ApproverType[]).map((t) => ({ value: t, label: APPROVER_TYPE_LABEL[t] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            {step.approverType === 'manager' && (
              <Form.Item label="上级层级" required {...item('level')}>
                <Select<number>
                  id={`${pre}-level`}
                  value={step.level ?? undefined}
                  onChange={(v) => set({ level: v })}
                  options={LEVELS.map((n) => ({ value: n, label: n === 1 ? '第 1 级上级（直属上级）' : `第 ${n} 级上级` }))}
                />
              </Form.Item>
            )}
            {step.approverType === 'role' && (
              <Form.Item label="角色" required {...item('role')} extra="持有该角色的所有在职员工">
                <Select<Role>
                  id={`${pre}-role`}
                  value={step.role}
                  onChange={(v) => set({ role: v })}
                  options={ROUTE_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
                />
              </Form.Item>
            )}
            {step.approverType === 'departmentHead' && (
              <Form.Item label=" " colon={false} extra="申请人所在部门的负责人；负责人本人申请时为上级部门负责人">
                <span />
              </Form.Item>
            )}
          </Col>
          {step.approverType === 'employees' && (
            <Col span={24}>
              <Form.Item label="指定人员" required {...item('employees')}>
                <EmployeePicker
                  id={`${pre}-employees`}
                  multiple
                  value={step.employees}
                  status={err('employees') ? 'error' : undefined}
                  style={{ width: '100%' }}
                  onChange={(v) => set({ employees: v })}
                  data-testid="step-employees"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={8}>
            <Form.Item label="审批方式" {...item('mode')} extra={MODE_HELP[step.mode]}>
              <Radio.Group
                value={step.mode}
                onChange={(e) => set({ mode: e.target.value })}
                optionType="button"
                options={[
                  { value: 'any', label: MODE_LABEL.any },
                  { value: 'all', label: MODE_LABEL.all },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label="生效条件（可选）" {...item('condition')} extra={err('condition') ? undefined : conditionHint(businessType)}>
              <Space.Compact style={{ width: '100%' }}>
                <AutoComplete
                  id={`${pre}-cond-field`}
                  style={{ width: '40%' }}
                  placeholder="字段，如 days"
                  value={c.field}
                  options={fieldOptions}
                  onChange={(v) => set({ condition: { ...c, field: v ?? '' } })}
                />
                <Select
                  id={`${pre}-cond-op`}
                  style={{ width: '20%' }}
                  placeholder="比较"
                  allowClear
                  value={c.op || undefined}
                  onChange={(v) => set({ condition: { ...c, op: v ?? '' } })}
                  options={CONDITION_OPS.map((o) => ({ value: o, label: o }))}
                />
                <Input
                  id={`${pre}-cond-value`}
                  style={{ width: '30%' }}
                  placeholder="值，如 3"
                  value={c.value}
                  onChange={(e) => set({ condition: { ...c, value: e.target.value } })}
                />
                <Button style={{ width: '10%', minWidth: 56 }} onClick={() => set({ condition: emptyCondition() })}>
                  清除
                </Button>
              </Space.Compact>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
