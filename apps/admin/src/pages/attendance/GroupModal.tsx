import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Switch, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { ButtonProps } from 'antd';
import type { AttendanceGroupView, FixedShift } from '@hrlink/shared';
import { ApiError } from '../../api/client';
import { createGroup, updateGroup } from '../../api/attendance';
import { showSuccess } from '../../api/notify';
import { EmployeePicker } from '../../components/EmployeePicker';
import { ANOMALY_LABEL, CORRECTION_LIMITS, NEW_GROUP, groupDraft, groupErrors, groupRequest, shiftHours, type GroupDraft } from '../../utils/attendance';
import { groupRulesKey } from '../../utils/recompute';
import { DeptSelect } from './DeptSelect';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

interface Props {
  /** undefined = closed, null = new group. */
  editing: AttendanceGroupView | null | undefined;
  onClose: () => void;
  onSaved: (g: AttendanceGroupView) => void;
}

function TimeField({ id, value, onChange }: { id: string; value: string | null; onChange: (v: string | null) => void }) {
  return (
    <TimePicker
      id={id}
      format="HH:mm"
      minuteStep={5}
      needConfirm={false}
      value={value ? dayjs(value, 'HH:mm') : null}
      onChange={(v) => onChange(v ? v.format('HH:mm') : null)}
      style={{ width: '100%' }}
    />
  );
}

/** Create / edit an attendance group; rules from groupErrors (shown after the first save attempt, then live). */
export function GroupModal({ editing, onClose, onSaved }: Props) {
  const open = editing !== undefined;
  const [d, setD] = useState<GroupDraft>(NEW_GROUP);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!open) return;
    // A new group applies from today by default.
    setD(editing ? groupDraft(editing) : { ...NEW_GROUP, effectiveFrom: dayjs().format('YYYY-MM-DD') });
    setTried(false);
    setServerError(null);
  }, [open, editing]);

  const errors = tried ? groupErrors(d) : {};
  const set = (patch: Partial<GroupDraft>) => setD((x) => ({ ...x, ...patch }));
  const setShift = (patch: Partial<FixedShift>) => setD((x) => ({ ...x, shift: { ...x.shift, ...patch } }));
  const item = (key: string) => (errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {});

  const submit = async () => {
    setTried(true);
    if (Object.keys(groupErrors(d)).length) return;
    setSaving(true);
    setServerError(null);
    try {
      const body = groupRequest(d);
      const saved = editing ? await updateGroup(editing.id, body) : await createGroup(body);
      // Rules changed: today follows at once (server), past days only through 重新计算.
      showSuccess(!editing ? '已创建' : groupRulesKey(editing) !== groupRulesKey(saved) ? '已保存：今天的考勤按新规则计算；过去的日期如需按新规则计算，请点击「重新计算」' : '已保存');
      onSaved(saved);
    } catch (err) {
      setServerError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err), 0));
    } finally {
      setSaving(false);
    }
  };

  const hours = d.kind === 'fixed' ? shiftHours(d.shift) : null;

  return (
    <Modal
      open={open}
      title={editing ? `编辑考勤组：${editing.name}` : '新建考勤组'}
      width={760}
      okText="保存"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'group-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="group-form">
        <Form.Item label="考勤组名称" required {...item('name')}>
          <Input id="group_name" value={d.name} maxLength={50} onChange={(e) => set({ name: e.target.value })} placeholder="如：总部考勤组" />
        </Form.Item>
        <Form.Item label="生效日期" tooltip="此日期之前不计算考勤（不记旷工）" {...item('effectiveFrom')}>
          <DatePicker
            id="group_effectiveFrom"
            data-testid="group-effective-from"
            allowClear={false}
            value={d.effectiveFrom ? dayjs(d.effectiveFrom, 'YYYY-MM-DD') : null}
            onChange={(v) => set({ effectiveFrom: v ? v.format('YYYY-MM-DD') : '' })}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item label="班制">
          <Radio.Group id="group_kind" value={d.kind} onChange={(e) => set({ kind: e.target.value })} optionType="button">
            <Radio value="fixed">固定班制</Radio>
            <Radio value="free">自由工时</Radio>
          </Radio.Group>
        </Form.Item>
        {d.kind === 'fixed' ? (
          <>
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item label="上班时间" required {...item('shift.start')}>
                  <TimeField id="group_start" value={d.shift.start} onChange={(v) => setShift({ start: v ?? '' })} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="下班时间" required {...item('shift.end')}>
                  <TimeField id="group_end" value={d.shift.end} onChange={(v) => setShift({ end: v ?? '' })} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="午休开始" {...item('shift.lunch')}>
                  <TimeField id="group_lunchStart" value={d.shift.lunchStart} onChange={(v) => setShift({ lunchStart: v })} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="午休结束" validateStatus={errors['shift.lunch'] ? 'error' : undefined}>
                  <TimeField id="group_lunchEnd" value={d.shift.lunchEnd} onChange={(v) => setShift({ lunchEnd: v })} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item label="弹性（分钟）" tooltip="上班后这些分钟内打卡仍算正常" {...item('shift.graceMinutes')}>
                  <InputNumber id="group_graceMinutes" min={0} max={120} precision={0} value={d.shift.graceMinutes} onChange={(v) => setShift({ graceMinutes: v ?? NaN })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="严重迟到（超过分钟）" {...item('shift.seriousLateMinutes')}>
                  <InputNumber id="group_seriousLateMinutes" min={1} precision={0} value={d.shift.seriousLateMinutes} onChange={(v) => setShift({ seriousLateMinutes: v ?? NaN })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="旷工（超过分钟）" tooltip="迟到或早退超过这些分钟记为旷工" {...item('shift.absentAfterMinutes')}>
                  <InputNumber id="group_absentAfterMinutes" min={1} precision={0} value={d.shift.absentAfterMinutes} onChange={(v) => setShift({ absentAfterMinutes: v ?? NaN })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hours !== null ? `每天工作 ${hours} 小时（不含午休）。` : ''}须满足：弹性 &lt; 严重迟到 &lt; 旷工；工作日按假期的节假日日历。
            </Typography.Text>
          </>
        ) : (
          <Form.Item label="每日最少工时（小时）" required {...item('minHours')}>
            <InputNumber id="group_minHours" min={1} max={24} step={0.5} value={d.minHours} onChange={(v) => set({ minHours: v ?? NaN })} style={{ width: 200 }} />
          </Form.Item>
        )}

        <Divider orientation="left" plain>
          成员
        </Divider>
        <Form.Item label="按部门（含下级部门）" {...item('members')}>
          <DeptSelect id="group_departments" multiple value={d.departments} onChange={(v) => set({ departments: v })} placeholder="选择部门" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="按人员" validateStatus={errors.members ? 'error' : undefined}>
          <EmployeePicker id="group_employees" multiple value={d.employees} onChange={(v) => set({ employees: v })} style={{ width: '100%' }} />
        </Form.Item>

        <Divider orientation="left" plain>
          外勤打卡
        </Divider>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="允许外勤打卡">
              <Switch id="group_allowField" checked={d.allowField} onChange={(v) => set({ allowField: v })} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="必须填写备注">
              <Switch id="group_fieldRemarkRequired" disabled={!d.allowField} checked={d.allowField && d.fieldRemarkRequired} onChange={(v) => set({ fieldRemarkRequired: v })} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="必须拍照">
              <Switch id="group_fieldPhotoRequired" disabled={!d.allowField} checked={d.allowField && d.fieldPhotoRequired} onChange={(v) => set({ fieldPhotoRequired: v })} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" plain>
          补卡规则
        </Divider>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="每月补卡次数" tooltip="0 = 不允许补卡" {...item('correction.monthlyCap')}>
              <InputNumber id="group_monthlyCap" min={0} max={CORRECTION_LIMITS.monthlyCapMax} precision={0} value={d.correction.monthlyCap} onChange={(v) => set({ correction: { ...d.correction, monthlyCap: v ?? NaN } })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="可补几天内的卡" tooltip="当天为 0" {...item('correction.daysBack')}>
              <InputNumber id="group_daysBack" min={0} max={CORRECTION_LIMITS.daysBackMax} precision={0} value={d.correction.daysBack} onChange={(v) => set({ correction: { ...d.correction, daysBack: v ?? NaN } })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="可补卡的异常" {...item('correction.anomalies')}>
              <Checkbox.Group
                disabled={d.correction.monthlyCap === 0}
                value={d.correction.anomalies}
                onChange={(v) => set({ correction: { ...d.correction, anomalies: v as GroupDraft['correction']['anomalies'] } })}
                options={(['missing', 'late', 'early'] as const).map((a) => ({ value: a, label: ANOMALY_LABEL[a] }))}
                data-testid="group-anomalies"
              />
            </Form.Item>
          </Col>
        </Row>
        <ServerErrorAlert error={serverError} testId="group-server-error" />
      </Form>
    </Modal>
  );
}
