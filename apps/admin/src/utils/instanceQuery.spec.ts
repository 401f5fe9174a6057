import dayjs from 'dayjs';
import { toInstanceQuery } from './instanceQuery';
import { mergeRoutes } from './route';

describe('toInstanceQuery', () => {
  it('sends dates as YYYY-MM-DD and the applicant id', () => {
    expect(
      toInstanceQuery(
        {
          businessType: 'leave',
          status: 'pending',
          applicant: { id: 'e12', name: '李四' },
          range: [dayjs('2026-11-01T23:30:00'), dayjs('2026-11-21T00:10:00')],
        },
        2,
        50,
      ),
    ).toEqual({ businessType: 'leave', status: 'pending', applicantId: 'e12', from: '2026-11-01', to: '2026-11-21', page: 2, pageSize: 50 });
  });
  it('leaves unset filters out', () => {
    expect(toInstanceQuery({ applicant: null, range: null })).toEqual({
      businessType: undefined,
      status: undefined,
      applicantId: undefined,
      from: undefined,
      to: undefined,
      page: undefined,
      pageSize: undefined,
    });
  });
});

describe('mergeRoutes', () => {
  it('lists general first, fills unregistered types with a one-step default, keeps extra server types', () => {
    const merged = mergeRoutes([
      { id: null, businessType: 'general', businessTypeName: '通用审批', steps: [], reminderHours: null, updatedAt: null },
      {
        id: 'r9',
        businessType: 'expense',
        businessTypeName: '报销',
        steps: [{ name: 'HR', approver: { type: 'role', role: 'hr' }, mode: 'any' }],
        reminderHours: 48,
        updatedAt: '2026-11-21T01:00:00Z',
      },
    ]);
    expect(merged.map((r) => `${r.businessType}:${r.businessTypeName}:${r.known}:${r.steps.length}`)).toEqual([
      'general:通用审批:true:0',
      'leave:请假:false:1',
      'leave_cancel:销假:false:1',
      'overtime:加班:false:1',
      'attendance_correction:补卡:false:1',
      'expense:报销:true:1',
    ]);
    expect(merged[1].steps[0].approver).toEqual({ type: 'manager', level: 1 });
    expect(merged[1].id).toBeNull();
  });
});
