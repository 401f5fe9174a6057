import type { ApprovalRouteView } from '@hrlink/shared';
import {
  describeApprover,
  describeCondition,
  moveStep,
  newStep,
  parseReminderHours,
  routeErrorLines,
  serverStepErrors,
  withNames,
  toDraft,
  toRequest,
  validateRoute,
  type RouteDraft,
  type StepDraft,
} from './route';

const step = (over: Partial<StepDraft> = {}): StepDraft => ({ ...newStep(0), name: '直属上级审批', ...over });
const draft = (steps: StepDraft[], reminderHours = ''): RouteDraft => ({ steps, reminderHours });
const messages = (d: RouteDraft) => validateRoute(d).map((e) => `${e.step}:${e.field}`);

describe('validateRoute', () => {
  it('accepts a two-step route with a condition and a 24 h reminder', () => {
    const d = draft(
      [
        step(),
        step({ name: '部门负责人审批', approverType: 'departmentHead', condition: { field: 'days', op: '>', value: '3' } }),
      ],
      '24',
    );
    expect(validateRoute(d)).toEqual([]);
  });

  it('needs at least one step and at most ten', () => {
    expect(messages(draft([]))).toEqual(['-1:steps']);
    expect(validateRoute(draft([]))[0].message).toBe('至少需要一个审批步骤');
    expect(messages(draft(Array.from({ length: 11 }, () => step())))).toEqual(['-1:steps']);
    expect(messages(draft(Array.from({ length: 10 }, () => step())))).toEqual([]);
  });

  it('keeps the manager level within 1..5', () => {
    expect(messages(draft([step({ level: 0 })]))).toEqual(['0:level']);
    expect(messages(draft([step({ level: 6 })]))).toEqual(['0:level']);
    expect(messages(draft([step({ level: null })]))).toEqual(['0:level']);
    expect(messages(draft([step({ level: 2.5 })]))).toEqual(['0:level']);
    expect(messages(draft([step({ level: 1 }), step({ level: 5 })]))).toEqual([]);
    // The level only matters for the manager rule.
    expect(messages(draft([step({ approverType: 'departmentHead', level: 9 })]))).toEqual([]);
  });

  it('needs people for 指定人员, without duplicates', () => {
    expect(messages(draft([step({ approverType: 'employees', employees: [] })]))).toEqual(['0:employees']);
    const zhang = { id: 'e7', name: '张三' };
    expect(messages(draft([step({ approverType: 'employees', employees: [zhang, zhang] })]))).toEqual(['0:employees']);
    expect(messages(draft([step({ approverType: 'employees', employees: [zhang, { id: 'e8', name: '李四' }] })]))).toEqual([]);
  });

  it('only allows HR or 管理员 as the role', () => {
    expect(messages(draft([step({ approverType: 'role', role: 'employee' })]))).toEqual(['0:role']);
    expect(messages(draft([step({ approverType: 'role', role: 'hr' })]))).toEqual([]);
  });

  it('wants a condition complete or absent, numeric for < > comparisons', () => {
    expect(messages(draft([step({ condition: { field: 'days', op: '', value: '' } })]))).toEqual(['0:condition']);
    expect(messages(draft([step({ condition: { field: '', op: '>', value: '3' } })]))).toEqual(['0:condition']);
    expect(messages(draft([step({ condition: { field: 'days', op: '>', value: 'many' } })]))).toEqual(['0:condition']);
    expect(messages(draft([step({ condition: { field: 'day s', op: '==', value: '3' } })]))).toEqual(['0:condition']);
    expect(messages(draft([step({ condition: { field: 'a'.repeat(65), op: '==', value: '3' } })]))).toEqual(['0:condition']);
    expect(messages(draft([step({ condition: { field: 'reason', op: '==', value: 'sick' } })]))).toEqual([]);
    expect(messages(draft([step({ condition: { field: ' ', op: '', value: ' ' } })]))).toEqual([]);
  });

  it('takes reminder hours 1..720 or empty', () => {
    expect(messages(draft([step()], '0'))).toEqual(['-1:reminderHours']);
    expect(messages(draft([step()], '721'))).toEqual(['-1:reminderHours']);
    expect(messages(draft([step()], '1.5'))).toEqual(['-1:reminderHours']);
    expect(messages(draft([step()], 'abc'))).toEqual(['-1:reminderHours']);
    expect(messages(draft([step()], '720'))).toEqual([]);
    expect(messages(draft([step()], '1'))).toEqual([]);
    expect(messages(draft([step()], ' '))).toEqual([]);
  });

  it('requires a step name of at most 30 characters', () => {
    expect(messages(draft([step({ name: '  ' })]))).toEqual(['0:name']);
    expect(messages(draft([step({ name: '审'.repeat(31) })]))).toEqual(['0:name']);
    expect(messages(draft([step({ name: '审'.repeat(30) })]))).toEqual([]);
    // 30 emoji are 60 UTF-16 units but 30 characters.
    expect(messages(draft([step({ name: '👍'.repeat(30) })]))).toEqual([]);
  });

  it('reports errors of several steps with their indexes', () => {
    expect(messages(draft([step(), step({ level: 7 }), step({ approverType: 'employees' })], '1000'))).toEqual([
      '-1:reminderHours',
      '1:level',
      '2:employees',
    ]);
  });
});

describe('route mapping', () => {
  const route: ApprovalRouteView = {
    id: 'r1',
    businessType: 'leave',
    businessTypeName: '请假',
    reminderHours: 24,
    updatedAt: '2026-11-20T08:00:00.000Z',
    steps: [
      { name: '直属上级', approver: { type: 'manager', level: 1 }, mode: 'any', condition: null },
      { name: '二级上级', approver: { type: 'manager', level: 2 }, mode: 'any', condition: { field: 'days', op: '>', value: 3 } },
      { name: 'HR 备案', approver: { type: 'role', role: 'hr' }, mode: 'all' },
      { name: '老板', approver: { type: 'employees', employeeIds: ['e1', 'e9'] }, mode: 'all', condition: { field: 'hours', op: '>=', value: 24.5 } },
    ],
  };

  it('round-trips a server route through the editor draft unchanged', () => {
    const d = toDraft(route, { e1: { id: 'e1', name: '王总' } });
    expect(d.reminderHours).toBe('24');
    expect(d.steps[3].employees).toEqual([
      { id: 'e1', name: '王总' },
      { id: 'e9', name: 'e9' },
    ]);
    expect(d.steps[1].condition).toEqual({ field: 'days', op: '>', value: '3' });
    expect(validateRoute(d)).toEqual([]);
    expect(toRequest(d)).toEqual({
      reminderHours: 24,
      steps: [
        { name: '直属上级', approver: { type: 'manager', level: 1 }, mode: 'any', condition: null },
        { name: '二级上级', approver: { type: 'manager', level: 2 }, mode: 'any', condition: { field: 'days', op: '>', value: 3 } },
        { name: 'HR 备案', approver: { type: 'role', role: 'hr' }, mode: 'all', condition: null },
        { name: '老板', approver: { type: 'employees', employeeIds: ['e1', 'e9'] }, mode: 'all', condition: { field: 'hours', op: '>=', value: 24.5 } },
      ],
    });
  });

  it('sends only the fields of the chosen approver rule, trimmed, and null reminder when empty', () => {
    const d = draft([step({ name: ' 部门负责人 ', approverType: 'departmentHead', level: 3, employees: [{ id: 'x', name: 'x' }] })]);
    expect(toRequest(d)).toEqual({
      reminderHours: null,
      steps: [{ name: '部门负责人', approver: { type: 'departmentHead' }, mode: 'any', condition: null }],
    });
  });

  it('keeps non-numeric condition values as text', () => {
    const d = draft([step({ condition: { field: 'category', op: '==', value: ' 差旅 ' } })]);
    expect(toRequest(d).steps[0].condition).toEqual({ field: 'category', op: '==', value: '差旅' });
  });

  it('parses reminder hours', () => {
    expect(parseReminderHours('')).toBeNull();
    expect(parseReminderHours(' 48 ')).toBe(48);
    expect(parseReminderHours('-1')).toBeNaN();
  });

  it('describes rules and conditions in Chinese', () => {
    expect(describeApprover({ type: 'manager', level: 1 })).toBe('直属上级');
    expect(describeApprover({ type: 'manager', level: 3 })).toBe('第 3 级上级');
    expect(describeApprover({ type: 'role', role: 'admin' })).toBe('角色：管理员');
    expect(describeApprover({ type: 'employees', employeeIds: ['e1', 'e2'] }, { e1: '王总' })).toBe('指定人员：王总、e2');
    expect(describeCondition({ field: 'days', op: '>', value: 3 }, 'leave')).toBe('天数 > 3');
    expect(describeCondition({ field: 'amountFen', op: '>=', value: 100000 }, 'general')).toBe('金额（分） >= 100000');
    expect(describeCondition(null, 'leave')).toBe('始终');
  });

  it('moves steps up and down within bounds', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const same = ['a', 'b'];
    expect(moveStep(same, 0, -1)).toBe(same);
    expect(moveStep(same, 1, 1)).toBe(same);
  });
});

describe('routeErrorLines', () => {
  it('reads errors arrays with paths or step indexes', () => {
    expect(
      routeErrorLines({
        errors: [
          { path: 'steps.1.approver.level', message: '上级层级须为 1–5' },
          { path: 'steps[0].name', message: '请输入步骤名称' },
          { stepIndex: 2, message: '指定人员不存在：e404' },
          { path: 'reminderHours', message: '催办时间须为 1–720' },
          '至少需要一个审批步骤',
        ],
      }),
    ).toEqual(['第 2 步：上级层级须为 1–5', '第 1 步：请输入步骤名称', '第 3 步：指定人员不存在：e404', '催办时间须为 1–720', '至少需要一个审批步骤']);
  });

  it("reads the server's shape: messages per step index plus route-level fields", () => {
    const details = {
      steps: { '0': ['请填写步骤名称'], '2': ['审批人不存在或已离职：e404', '大小比较的条件值须为数字'] },
      fields: { reminderHours: ['催办时间须为 1–720 的整数小时，或不催办'] },
    };
    expect(routeErrorLines(details)).toEqual([
      '第 1 步：请填写步骤名称',
      '第 3 步：审批人不存在或已离职：e404',
      '第 3 步：大小比较的条件值须为数字',
      '催办时间须为 1–720 的整数小时，或不催办',
    ]);
    expect(serverStepErrors(details)).toEqual({ 0: ['请填写步骤名称'], 2: ['审批人不存在或已离职：e404', '大小比较的条件值须为数字'] });
    expect(routeErrorLines({ fields: { steps: ['至少需要一个审批步骤'] } })).toEqual(['至少需要一个审批步骤']);
    expect(serverStepErrors({ fields: { steps: ['x'] } })).toEqual({});
  });

  it('names the people a server message quotes by id', () => {
    const people = [
      { id: '57c82a28-a3e6-4dfe-8e32-8773a4f8e61f', name: '李娜' },
      { id: 'e9', name: 'e9' },
    ];
    expect(withNames('审批人不存在或已离职：57c82a28-a3e6-4dfe-8e32-8773a4f8e61f, e9', people)).toBe('审批人不存在或已离职：李娜, e9');
  });

  it('reads per-step maps and a single step error', () => {
    expect(routeErrorLines({ steps: { '0': ['条件不完整'] } })).toEqual(['第 1 步：条件不完整']);
    expect(routeErrorLines({ fields: { 'steps.3.approver.employeeIds': ['不能为空'], reminderHours: '太大' } })).toEqual([
      '第 4 步：不能为空',
      '太大',
    ]);
    expect(routeErrorLines({ stepIndex: 0, message: '员工已离职' })).toEqual(['第 1 步：员工已离职']);
    expect(routeErrorLines({ unrelated: 1 })).toEqual([]);
    expect(routeErrorLines(undefined)).toEqual([]);
  });
});
