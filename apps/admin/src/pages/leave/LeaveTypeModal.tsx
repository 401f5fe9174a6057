import { Alert, Col, Form, Input, InputNumber, Modal, Radio, Row, Switch, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import type { LeaveTypeView } from '@hrlink/shared';
import { ApiError } from '../../api/client';
import { createLeaveType, updateLeaveType } from '../../api/leave';
import { showSuccess } from '../../api/notify';
import {
  NEW_LEAVE_TYPE,
  UNIT_LABEL,
  draftFromType,
  leaveTypeErrors,
  leaveTypeRequest,
  type LeaveTypeDraft,
} from '../../utils/leave';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

interface Props {
  /** undefined = closed, null = new type. */
  editing: LeaveTypeView | null | undefined;
  onClose: () => void;
  onSaved: (t: LeaveTypeView) => void;
}

/** Create / edit one leave type. Field rules come from leaveTypeErrors (the same checks the server makes). */
export function LeaveTypeModal({ editing, onClose, onSaved }: Props) {
  const [form] = Form.useForm<LeaveTypeDraft>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const open = editing !== undefined;
  const requiresBalance = Form.useWatch('requiresBalance', form);
  const unit = Form.useWatch('unit', form);
  const cap = Form.useWatch('carryForwardCap', form);

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(editing ? draftFromType(editing) : NEW_LEAVE_TYPE);
  }, [open, editing, form]);

  const rule = (field: keyof LeaveTypeDraft) => ({
    validator: () => {
      const draft = { ...NEW_LEAVE_TYPE, ...form.getFieldsValue(true) } as LeaveTypeDraft;
      const msg = leaveTypeErrors(draft)[field];
      return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
    },
  });

  const submit = async () => {
    let values: LeaveTypeDraft;
    try {
      await form.validateFields();
      values = { ...NEW_LEAVE_TYPE, ...form.getFieldsValue(true) } as LeaveTypeDraft;
    } catch {
      return;
    }
    setSaving(true);
    setServerError(null);
    try {
      const body = leaveTypeRequest(values);
      const saved = editing ? await updateLeaveType(editing.id, body) : await createLeaveType(body);
      showSuccess(editing ? '已保存' : '已创建');
      onSaved(saved);
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err), 0));
    } finally {
      setSaving(false);
    }
  };

  const amountUnit = unit === 'hour' ? '小时' : '天';

  return (
    <Modal
      open={open}
      title={editing ? `编辑假期类型：${editing.name}` : '新建假期类型'}
      width={720}
      okText="保存"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'leave-type-save' } as ButtonProps}
    >
      <div data-testid="leave-type-form">
        <ServerErrorAlert error={serverError} testId="leave-type-server-error" style={{ marginBottom: 12 }} />
        {editing?.isAnnual && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="年假：每年额度由「年假规则」计算并通过「年假发放」发放。" />
        )}
        <Form<LeaveTypeDraft> form={form} name="leave-type" layout="vertical" requiredMark={false}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="名称" name="name" rules={[rule('name')]}>
                <Input maxLength={20} placeholder="如：年假" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="编码"
                name="code"
                rules={[rule('code')]}
                extra={editing ? '编码创建后不可修改' : '小写字母、数字、下划线，如 team_building'}
              >
                <Input disabled={!!editing} placeholder="如：annual" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="请假单位" name="unit">
                <Radio.Group optionType="button" options={(['day', 'half_day', 'hour'] as const).map((u) => ({ value: u, label: UNIT_LABEL[u] }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="每天工时（小时）" name="hoursPerDay" rules={[rule('hoursPerDay')]} extra="按小时请假与按天换算时使用">
                <InputNumber min={1} max={24} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="带薪" name="paid" valuePropName="checked">
                <Switch checkedChildren="带薪" unCheckedChildren="无薪" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label="计算方式" name="countsRestDays" valuePropName="checked" extra="关闭时只计工作日（跳过周末和节假日，调休上班日计入）">
                <Switch checkedChildren="按自然日计算（含休息日、节假日）" unCheckedChildren="按工作日计算" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="需要余额" name="requiresBalance" valuePropName="checked">
                <Switch
                  onChange={(v) => {
                    if (!v) form.setFieldValue('allowNegative', false);
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item label="允许透支（余额可为负）" name="allowNegative" valuePropName="checked" rules={[rule('allowNegative')]}>
                <Switch disabled={!requiresBalance} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="超过几天需附件" name="attachmentOverDays" rules={[rule('attachmentOverDays')]} extra="留空 = 不需要">
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} addonAfter="天" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="提前申请" name="minNoticeDays" rules={[rule('minNoticeDays')]} extra="留空 = 不限">
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} addonAfter="天" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="单次最多" name="maxPerRequest" rules={[rule('maxPerRequest')]} dependencies={['unit']} extra="留空 = 不限">
                <InputNumber min={0} step={unit === 'day' ? 1 : 0.5} style={{ width: '100%' }} addonAfter={amountUnit} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="结转上限"
                name="carryForwardCap"
                rules={[rule('carryForwardCap')]}
                extra="未用完的额度最多结转到下一年的天数；留空 = 不结转"
              >
                <InputNumber
                  min={0}
                  max={365}
                  step={0.5}
                  style={{ width: '100%' }}
                  addonAfter={amountUnit}
                  onChange={(v) => {
                    if (v === null) form.setFieldValue('carryForwardExpiry', null);
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="结转过期日期（次年 MM-DD）"
                name="carryForwardExpiry"
                rules={[rule('carryForwardExpiry')]}
                dependencies={['carryForwardCap']}
                extra="如 03-31；留空 = 不过期"
                normalize={(v: string) => (v ? v : null)}
              >
                <Input placeholder="03-31" maxLength={5} disabled={cap === null || cap === undefined} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="启用" name="enabled" valuePropName="checked" extra="停用后员工不能再申请，已有记录和余额保留">
                <Switch checkedChildren="启用" unCheckedChildren="停用" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          假期类型不能删除，不再使用时请停用。审批流程在「审批 → 审批流程 → 请假」中设置。
        </Typography.Text>
      </div>
    </Modal>
  );
}
