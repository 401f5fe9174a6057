import { Alert, DatePicker, Modal, Space, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { AttendanceGroupView, RecomputeGroupResult } from '@hrlink/shared';
import { recomputeGroup } from '../../api/attendance';
import { showError, showSuccess } from '../../api/notify';
import { RECOMPUTE_MAX_DAYS, defaultRecomputeRange, recomputeDateAllowed, recomputeMaxEnd, recomputeMessage, recomputeRangeError } from '../../utils/recompute';

const F = 'YYYY-MM-DD';

/**
 * 重新计算 of one group: pick a range (not in the future, not before 生效日期, ≤ 62 days), confirm, see what was
 * cleared. Past results otherwise keep the rules they were computed with.
 */
export function RecomputeModal({ group, onClose }: { group: AttendanceGroupView | null; onClose: () => void }) {
  const today = dayjs().format(F);
  const [range, setRange] = useState<[string, string] | null>(null);
  const [picking, setPicking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RecomputeGroupResult | null>(null);

  useEffect(() => {
    if (!group) return;
    setRange(defaultRecomputeRange(today, group.effectiveFrom));
    setResult(null);
    setPicking(null);
  }, [group, today]);

  if (!group) return null;
  const error = range ? recomputeRangeError(range[0], range[1], today, group.effectiveFrom) : '请选择日期范围';

  const submit = async () => {
    if (!range || error) return;
    setBusy(true);
    try {
      const r = await recomputeGroup(group.id, { from: range[0], to: range[1] });
      setResult(r);
      showSuccess('已重新计算');
    } catch (err) {
      showError(err, '重新计算失败');
    } finally {
      setBusy(false);
    }
  };

  const disabledDate = (d: Dayjs) => {
    const s = d.format(F);
    if (!recomputeDateAllowed(s, today, group.effectiveFrom)) return true;
    // While picking, keep the other end within 62 days.
    if (picking) return s > recomputeMaxEnd(picking, today) || s < dayjs(picking).subtract(RECOMPUTE_MAX_DAYS - 1, 'day').format(F);
    return false;
  };

  return (
    <Modal
      open
      title={`重新计算 · ${group.name}`}
      okText={result ? '完成' : '确认重新计算'}
      cancelText={result ? '关闭' : '取消'}
      confirmLoading={busy}
      onOk={result ? onClose : submit}
      onCancel={onClose}
      okButtonProps={{ disabled: !result && !!error, 'data-testid': 'recompute-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }} data-testid="recompute-modal">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          修改班次、弹性时间或迟到/旷工阈值后，今天的考勤会自动按新规则计算；过去的考勤结果保持不变。
          如需让过去的日期也按当前规则和日历重新计算，请选择日期范围（最长 {RECOMPUTE_MAX_DAYS} 天，不早于生效日期 {group.effectiveFrom}，不晚于今天）。
        </Typography.Paragraph>
        <DatePicker.RangePicker
          data-testid="recompute-range"
          allowClear={false}
          disabled={busy || !!result}
          value={range ? [dayjs(range[0], F), dayjs(range[1], F)] : null}
          disabledDate={disabledDate}
          onCalendarChange={(v) => setPicking(v?.[0] && !v[1] ? v[0].format(F) : null)}
          onOpenChange={(open) => !open && setPicking(null)}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0].format(F), v[1].format(F)] : null)}
        />
        {!result && error && range && <Alert type="warning" showIcon message={error} />}
        {!result && !range && group.effectiveFrom > today && <Alert type="info" showIcon message={`考勤组自 ${group.effectiveFrom} 起生效，目前没有可重新计算的日期`} />}
        {result ? (
          <Alert type="success" showIcon data-testid="recompute-result" message={recomputeMessage(result)} description="员工和 HR 查看这些日期时将自动得到新结果，已审批的请假和补卡会一并计入。" />
        ) : (
          <Alert type="warning" showIcon message="确认后，所选日期内该考勤组已保存的结果将被清除并按当前规则重新计算，此操作会记入审计日志。" />
        )}
      </Space>
    </Modal>
  );
}
