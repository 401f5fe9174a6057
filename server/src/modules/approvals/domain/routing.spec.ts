import type { RouteStep } from '@hrlink/shared';
import {
  carriedForward, departmentHeadFor, evaluateCondition, managerAtLevel, OrgView, resolveRoute, stepOutcome,
} from './routing';
import { defaultSteps, normalizeSteps, validateRoute } from './route-validation';

/**
 * A little company: ceo → rd head (研发部) → fe lead (前端组, child of 研发部) → dev1, dev2; hr (人事部, head) → hr2;
 * left = a former employee still named somewhere.
 */
function org(over: { hr?: string[]; active?: Record<string, boolean> } = {}): OrgView {
  const p = (id: string, managerId: string | null, dept: string | null) => ({ id, managerId, active: over.active?.[id] ?? true, mainDepartmentId: dept });
  const people = [
    p('ceo', null, 'root'), p('rd', 'ceo', 'rd'), p('fe', 'rd', 'fe'), p('dev1', 'fe', 'fe'), p('dev2', 'fe', 'fe'),
    p('hr', 'ceo', 'hrd'), p('hr2', 'hr', 'hrd'), { id: 'left', managerId: 'fe', active: false, mainDepartmentId: 'fe' },
  ];
  const departments = [
    { id: 'root', parentId: null, headEmployeeId: 'ceo' }, { id: 'rd', parentId: 'root', headEmployeeId: 'rd' },
    { id: 'fe', parentId: 'rd', headEmployeeId: 'fe' }, { id: 'hrd', parentId: 'root', headEmployeeId: 'hr' },
  ];
  return {
    people: new Map(people.map((x) => [x.id, x])),
    departments: new Map(departments.map((d) => [d.id, d])),
    roleHolders: { hr: over.hr ?? ['hr', 'hr2'], admin: [] },
  };
}

const step = (approver: RouteStep['approver'], extra: Partial<RouteStep> = {}): RouteStep => ({ name: 's', approver, mode: 'any', ...extra });

describe('manager levels', () => {
  it('walks up the chain and stops at the top', () => {
    const o = org();
    expect(managerAtLevel(o, 'dev1', 1)).toBe('fe');
    expect(managerAtLevel(o, 'dev1', 2)).toBe('rd');
    expect(managerAtLevel(o, 'dev1', 3)).toBe('ceo');
    expect(managerAtLevel(o, 'dev1', 4)).toBeNull();
    expect(managerAtLevel(o, 'ceo', 1)).toBeNull();
  });

  it('a loop in the chain ends the walk', () => {
    const o = org();
    (o.people as Map<string, any>).set('ceo', { id: 'ceo', managerId: 'dev1', active: true, mainDepartmentId: 'root' });
    expect(managerAtLevel(o, 'dev1', 3)).toBe('ceo');
    expect(managerAtLevel(o, 'dev1', 4)).toBeNull();
  });
});

describe('department head', () => {
  it('is the head of the main department, or the parent head for the head', () => {
    const o = org();
    expect(departmentHeadFor(o, 'dev1')).toBe('fe');
    expect(departmentHeadFor(o, 'fe')).toBe('rd');
    expect(departmentHeadFor(o, 'rd')).toBe('ceo');
    expect(departmentHeadFor(o, 'ceo')).toBeNull();
  });
});

describe('conditions', () => {
  it('compares numbers numerically, also numeric strings', () => {
    const c = { field: 'amountFen', op: '>' as const, value: 100000 };
    expect(evaluateCondition(c, { amountFen: 100001 })).toBe(true);
    expect(evaluateCondition(c, { amountFen: 100000 })).toBe(false);
    expect(evaluateCondition(c, { amountFen: '900000' })).toBe(true);
    // "9" > "100000" as strings, but not as numbers
    expect(evaluateCondition({ field: 'days', op: '>', value: '100000' }, { days: 9 })).toBe(false);
    expect(evaluateCondition({ field: 'days', op: '>=', value: 3 }, { days: 3 })).toBe(true);
    expect(evaluateCondition({ field: 'days', op: '<', value: 3 }, { days: 2.5 })).toBe(true);
    expect(evaluateCondition({ field: 'days', op: '<=', value: 3 }, { days: 3.5 })).toBe(false);
    expect(evaluateCondition({ field: 'days', op: '==', value: 3 }, { days: '3.0' })).toBe(true);
    expect(evaluateCondition({ field: 'days', op: '!=', value: 3 }, { days: 4 })).toBe(true);
  });

  it('unknown or null field → false; strings only equal / not equal', () => {
    expect(evaluateCondition({ field: 'days', op: '>', value: 1 }, {})).toBe(false);
    expect(evaluateCondition({ field: 'days', op: '!=', value: 1 }, { days: null })).toBe(false);
    expect(evaluateCondition({ field: 'kind', op: '==', value: 'sick' }, { kind: 'sick' })).toBe(true);
    expect(evaluateCondition({ field: 'kind', op: '!=', value: 'sick' }, { kind: 'annual' })).toBe(true);
    expect(evaluateCondition({ field: 'kind', op: '>', value: 'a' }, { kind: 'b' })).toBe(false);
    expect(evaluateCondition({ field: 'kind', op: '~' as any, value: 1 }, { kind: 1 })).toBe(false);
  });
});

describe('resolveRoute', () => {
  it('default route: the direct manager', () => {
    const r = resolveRoute(defaultSteps(), org(), 'dev1', {});
    expect(r.fallback).toBe('none');
    expect(r.steps.map((s) => s.approverIds)).toEqual([['fe']]);
  });

  it('a condition adds a step only when it holds', () => {
    const steps = [step({ type: 'manager', level: 1 }), step({ type: 'role', role: 'hr' }, { condition: { field: 'amountFen', op: '>', value: 100000 } })];
    expect(resolveRoute(steps, org(), 'dev1', { amountFen: 50000 }).steps.map((s) => s.approverIds)).toEqual([['fe']]);
    const big = resolveRoute(steps, org(), 'dev1', { amountFen: 150000 });
    expect(big.steps.map((s) => s.approverIds)).toEqual([['fe'], ['hr', 'hr2']]);
    expect(resolveRoute(steps, org(), 'dev1', { amountFen: 50000 }).notApplicable).toEqual([1]);
  });

  it('self-skip: the applicant is removed from every step; an emptied step stays as empty', () => {
    const steps = [step({ type: 'employees', employeeIds: ['fe'] }), step({ type: 'manager', level: 1 }), step({ type: 'role', role: 'hr' })];
    const r = resolveRoute(steps, org(), 'fe', {});
    expect(r.steps.map((s) => [s.approverIds, s.selfRemoved])).toEqual([[[], true], [['rd'], false], [['hr', 'hr2'], false]]);
    const hrApplies = resolveRoute([step({ type: 'role', role: 'hr' })], org(), 'hr', {});
    expect(hrApplies.steps[0].approverIds).toEqual(['hr2']);
    expect(hrApplies.steps[0].selfRemoved).toBe(true);
  });

  it('inactive and unknown people are never approvers', () => {
    const r = resolveRoute([step({ type: 'employees', employeeIds: ['left', 'ghost', 'rd', 'rd'] })], org(), 'dev1', {});
    expect(r.steps[0].approverIds).toEqual(['rd']);
    const gone = resolveRoute([step({ type: 'manager', level: 1 })], org({ active: { fe: false } }), 'dev1', {});
    expect(gone.fallback).toBe('hr');
  });

  it('nobody above → falls to HR; no HR either → auto-approve', () => {
    const r = resolveRoute([step({ type: 'manager', level: 1 })], org(), 'ceo', {});
    expect(r.fallback).toBe('hr');
    expect(r.steps.map((s) => s.approverIds)).toEqual([[], ['hr', 'hr2']]);
    expect(r.steps[1].routeIndex).toBe(-1);
    // the HR manager applying with no manager above her…
    const solo = resolveRoute([step({ type: 'manager', level: 5 })], org({ hr: ['hr'] }), 'hr', {});
    expect(solo.fallback).toBe('auto');
    expect(resolveRoute([step({ type: 'manager', level: 1 })], org({ hr: [] }), 'ceo', {}).fallback).toBe('auto');
  });

  it('keeps any / all per step', () => {
    const r = resolveRoute([step({ type: 'role', role: 'hr' }, { mode: 'all' })], org(), 'dev1', {});
    expect(r.steps[0].mode).toBe('all');
  });
});

describe('step outcome and carry-forward', () => {
  it('any: one approval; all: every one; a rejection ends it', () => {
    expect(stepOutcome('any', ['approved', 'pending'])).toBe('approved');
    expect(stepOutcome('all', ['approved', 'pending'])).toBe('open');
    expect(stepOutcome('all', ['approved', 'transferred', 'approved'])).toBe('approved');
    expect(stepOutcome('all', ['approved', 'rejected'])).toBe('rejected');
    expect(stepOutcome('any', ['transferred', 'pending'])).toBe('open');
  });

  it('who approved the previous step is not asked again', () => {
    expect(carriedForward(['rd', 'ceo'], ['rd'])).toEqual(['rd']);
    expect(carriedForward(['ceo'], ['rd'])).toEqual([]);
  });
});

describe('validateRoute', () => {
  const active = (id: string) => ['rd', 'fe', 'dev1'].includes(id);

  it('accepts a good route', () => {
    const steps = [step({ type: 'manager', level: 2 }, { name: '上级' }), step({ type: 'employees', employeeIds: ['rd'] }, { condition: { field: 'amountFen', op: '>', value: 100000 } })];
    expect(validateRoute({ steps, reminderHours: 24 }, active).ok).toBe(true);
    expect(validateRoute({ steps, reminderHours: null }, active).ok).toBe(true);
    expect(normalizeSteps(steps)[0]).toEqual({ name: '上级', approver: { type: 'manager', level: 2 }, mode: 'any', condition: null });
  });

  it('reports every problem per step', () => {
    const r = validateRoute({
      steps: [
        { name: '', approver: { type: 'manager', level: 6 }, mode: 'some' },
        { name: 'ok', approver: { type: 'employees', employeeIds: [] }, mode: 'any' },
        { name: 'ok', approver: { type: 'employees', employeeIds: ['ghost', 'rd'] }, mode: 'any' },
        { name: 'ok', approver: { type: 'role', role: 'boss' }, mode: 'all', condition: { field: 'days', op: '>' } },
        { name: 'ok', approver: { type: 'departmentHead' }, mode: 'all', condition: { field: 'days', op: '=~', value: 1 } },
        { name: 'ok', approver: { type: 'manager', level: 1 }, mode: 'all', condition: { field: 'days', op: '>', value: 'lots' } },
      ],
      reminderHours: 0,
    }, active);
    expect(r.ok).toBe(false);
    expect(Object.keys(r.steps).sort()).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(r.steps['0']).toHaveLength(3);
    expect(r.steps['2'][0]).toContain('ghost');
    expect(r.fields.reminderHours).toHaveLength(1);
    expect(validateRoute({ steps: [], reminderHours: 721 }, active).fields).toEqual({ reminderHours: [expect.any(String)], steps: [expect.any(String)] });
  });
});
