import {
  actionLabel,
  actResultLabel,
  businessTypeLabel,
  formatTime,
  statusLabel,
  statusTagType,
  stepModeLabel,
  taskStatusLabel,
  timelineText,
  viaLabel,
} from './labels';

describe('status and action labels', () => {
  it('names every approval status from the contract', () => {
    expect(statusLabel('pending')).toBe('审批中');
    expect(statusLabel('approved')).toBe('已同意');
    expect(statusLabel('rejected')).toBe('已拒绝');
    expect(statusLabel('withdrawn')).toBe('已撤回');
    expect(statusLabel('archived')).toBe('archived');
    expect(statusTagType('approved')).toBe('success');
    expect(statusTagType('rejected')).toBe('danger');
    expect(statusTagType('withdrawn')).toBe('default');
  });

  it('names actions, channels, task states and step modes', () => {
    expect(actionLabel('approve')).toBe('同意');
    expect(actionLabel('reject')).toBe('拒绝');
    expect(actionLabel('submit')).toBe('提交申请');
    expect(actionLabel('withdraw')).toBe('撤回');
    expect(actionLabel('mystery')).toBe('mystery');
    expect(viaLabel('card')).toBe('卡片');
    expect(viaLabel('app')).toBe('应用');
    expect(viaLabel(null)).toBe('');
    expect(taskStatusLabel('transferred')).toBe('已转交');
    expect(taskStatusLabel('cancelled')).toBe('无需审批');
    expect(stepModeLabel('any')).toBe('或签');
    expect(stepModeLabel('all')).toBe('会签');
    expect(actResultLabel('reject')).toBe('已拒绝');
    expect(businessTypeLabel({ businessType: 'leave', businessTypeName: '' })).toBe('请假');
    expect(businessTypeLabel({ businessType: 'general', businessTypeName: '通用审批' })).toBe('通用审批');
  });

  it('writes timeline lines', () => {
    const wang = { id: 'e1', name: '王总' };
    const li = { id: 'e2', name: '李四' };
    expect(timelineText({ action: 'approve', actor: wang, target: null })).toBe('王总 同意');
    expect(timelineText({ action: 'transfer', actor: wang, target: li })).toBe('王总 转交给 李四');
    expect(timelineText({ action: 'skip', actor: null, target: li })).toBe('自动跳过 李四');
    expect(timelineText({ action: 'remind', actor: null, target: li })).toBe('提醒 李四处理');
  });
});

describe('formatTime', () => {
  it('shows month-day time this year and the year otherwise, in local time', () => {
    const at = new Date(2026, 10, 21, 9, 5);
    expect(formatTime(at.toISOString(), new Date(2026, 11, 31))).toBe('11-21 09:05');
    expect(formatTime(at.toISOString(), new Date(2027, 0, 1))).toBe('2026-11-21 09:05');
    expect(formatTime(null)).toBe('');
    expect(formatTime('not a date')).toBe('not a date');
  });
});
