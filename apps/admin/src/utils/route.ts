import type {
  ApprovalRouteView,
  ConditionOp,
  EmployeeRef,
  Role,
  RouteCondition,
  RouteStep,
  UpsertApprovalRouteRequest,
} from '@hrlink/shared';
import { ADMIN_BUSINESS_TYPES, businessTypeName } from './approvalLabels';

/**
 * The route editor's working copy and its rules. The limits mirror the server's validation
 * (the server stays the judge; APPROVAL_ROUTE_INVALID details are shown as they come).
 */
export const ROUTE_LIMITS = {
  maxSteps: 10,
  maxNameLength: 30,
  minLevel: 1,
  maxLevel: 5,
  maxEmployees: 50,
  minReminderHours: 1,
  maxReminderHours: 720,
} as const;

export type ApproverType = 'manager' | 'departmentHead' | 'role' | 'employees';

export const APPROVER_TYPE_LABEL: Record<ApproverType, string> = {
  manager: '直属上级',
  departmentHead: '部门负责人',
  role: '角色',
  employees: '指定人员',
};

/** Roles a step can be given to (every active employee holding it approves). */
export const ROUTE_ROLES: Role[] = ['hr', 'admin'];

export const CONDITION_OPS: ConditionOp[] = ['>', '>=', '<', '<=', '==', '!='];
const NUMERIC_OPS: ConditionOp[] = ['>', '>=', '<', '<='];

export interface ConditionField {
  field: string;
  label: string;
}

/** Fields a condition can test, per business type (what each module stores in the request's data). */
export const CONDITION_FIELDS: Record<string, ConditionField[]> = {
  general: [{ field: 'amountFen', label: '金额（分）' }],
  leave: [
    { field: 'days', label: '天数' },
    { field: 'hours', label: '小时数' },
  ],
  leave_cancel: [
    { field: 'days', label: '天数' },
    { field: 'hours', label: '小时数' },
  ],
  overtime: [{ field: 'hours', label: '小时数' }],
  attendance_correction: [],
};

export interface ConditionDraft {
  field: string;
  op: ConditionOp | '';
  value: string;
}

export interface StepDraft {
  /** React key only; never sent. */
  key: string;
  name: string;
  approverType: ApproverType;
  level: number | null;
  role: Role;
  /** Picked people with their names (the route itself stores ids only). */
  employees: EmployeeRef[];
  mode: 'any' | 'all';
  condition: ConditionDraft;
}

export interface RouteDraft {
  steps: StepDraft[];
  /** Text of the input; '' = never remind. */
  reminderHours: string;
}

/** Where an error belongs: the route (step -1) or one step's field. */
export interface RouteError {
  step: number;
  field: 'steps' | 'reminderHours' | 'name' | 'level' | 'role' | 'employees' | 'mode' | 'condition';
  message: string;
}

let keySeq = 0;
export function newStepKey(): string {
  keySeq += 1;
  return `s${keySeq}`;
}

export function emptyCondition(): ConditionDraft {
  return { field: '', op: '', value: '' };
}

export function newStep(index: number): StepDraft {
  return {
    key: newStepKey(),
    name: index === 0 ? '直属上级审批' : `第 ${index + 1} 步审批`,
    approverType: 'manager',
    level: 1,
    role: 'hr',
    employees: [],
    mode: 'any',
    condition: emptyCondition(),
  };
}

/** Server route -> editor draft. `names` resolves employee ids to people (unknown ids keep the id as name). */
export function toDraft(route: Pick<ApprovalRouteView, 'steps' | 'reminderHours'>, names: Record<string, EmployeeRef> = {}): RouteDraft {
  return {
    reminderHours: route.reminderHours === null || route.reminderHours === undefined ? '' : String(route.reminderHours),
    steps: route.steps.map((s) => {
      const a = s.approver;
      const c = s.condition;
      return {
        key: newStepKey(),
        name: s.name,
        approverType: a.type,
        level: a.type === 'manager' ? a.level : 1,
        role: a.type === 'role' ? a.role : 'hr',
        employees: a.type === 'employees' ? a.employeeIds.map((id) => names[id] ?? { id, name: id }) : [],
        mode: s.mode,
        condition: c ? { field: c.field, op: c.op, value: String(c.value) } : emptyCondition(),
      };
    }),
  };
}

function conditionIsEmpty(c: ConditionDraft): boolean {
  return !c.field.trim() && !c.op && !c.value.trim();
}

/** "3" -> 3, "2.5" -> 2.5, "abc" -> "abc" (numbers compare as numbers on the server). */
export function conditionValue(text: string): number | string {
  const t = text.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** "" -> null; "24" -> 24; anything else -> NaN (invalid, caught by validation). */
export function parseReminderHours(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

/** Every problem in the draft, in display order; [] = can be saved. */
export function validateRoute(draft: RouteDraft): RouteError[] {
  const L = ROUTE_LIMITS;
  const errors: RouteError[] = [];
  if (draft.steps.length === 0) errors.push({ step: -1, field: 'steps', message: '至少需要一个审批步骤' });
  if (draft.steps.length > L.maxSteps) errors.push({ step: -1, field: 'steps', message: `最多 ${L.maxSteps} 个审批步骤` });

  const hours = parseReminderHours(draft.reminderHours);
  if (hours !== null && !(Number.isInteger(hours) && hours >= L.minReminderHours && hours <= L.maxReminderHours)) {
    errors.push({
      step: -1,
      field: 'reminderHours',
      message: `催办时间须为 ${L.minReminderHours}–${L.maxReminderHours} 之间的整数小时，留空表示不催办`,
    });
  }

  draft.steps.forEach((s, i) => {
    const name = s.name.trim();
    if (!name) errors.push({ step: i, field: 'name', message: '请输入步骤名称' });
    // Counted in characters (code points), as the server does.
    else if ([...name].length > L.maxNameLength) errors.push({ step: i, field: 'name', message: `步骤名称最多 ${L.maxNameLength} 个字` });

    if (s.approverType === 'manager') {
      if (s.level === null || !Number.isInteger(s.level) || s.level < L.minLevel || s.level > L.maxLevel) {
        errors.push({ step: i, field: 'level', message: `上级层级须为 ${L.minLevel}–${L.maxLevel}` });
      }
    } else if (s.approverType === 'role') {
      if (!ROUTE_ROLES.includes(s.role)) errors.push({ step: i, field: 'role', message: '请选择角色' });
    } else if (s.approverType === 'employees') {
      const ids = s.employees.map((e) => e.id);
      if (ids.length === 0) errors.push({ step: i, field: 'employees', message: '请至少选择一位审批人' });
      else if (ids.length > L.maxEmployees) errors.push({ step: i, field: 'employees', message: `最多 ${L.maxEmployees} 位审批人` });
      else if (new Set(ids).size !== ids.length) errors.push({ step: i, field: 'employees', message: '审批人不能重复' });
    }

    if (s.mode !== 'any' && s.mode !== 'all') errors.push({ step: i, field: 'mode', message: '请选择或签 / 会签' });

    const c = s.condition;
    if (!conditionIsEmpty(c)) {
      if (!c.field.trim() || !c.op || !c.value.trim()) {
        errors.push({ step: i, field: 'condition', message: '条件须完整填写字段、比较符和值，或全部留空' });
      } else if (NUMERIC_OPS.includes(c.op) && typeof conditionValue(c.value) !== 'number') {
        errors.push({ step: i, field: 'condition', message: `“${c.op}” 只能与数字比较` });
      } else if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(c.field.trim())) {
        errors.push({ step: i, field: 'condition', message: '字段名只能包含字母、数字和下划线（以字母或下划线开头，最多 64 个）' });
      }
    }
  });
  return errors;
}

/** Draft -> the PUT body. Call only when validateRoute(draft) is empty. */
export function toRequest(draft: RouteDraft): UpsertApprovalRouteRequest {
  const steps: RouteStep[] = draft.steps.map((s) => {
    let approver: RouteStep['approver'];
    if (s.approverType === 'manager') approver = { type: 'manager', level: s.level ?? 1 };
    else if (s.approverType === 'departmentHead') approver = { type: 'departmentHead' };
    else if (s.approverType === 'role') approver = { type: 'role', role: s.role };
    else approver = { type: 'employees', employeeIds: s.employees.map((e) => e.id) };
    const c = s.condition;
    const condition: RouteCondition | null = conditionIsEmpty(c)
      ? null
      : { field: c.field.trim(), op: c.op as ConditionOp, value: conditionValue(c.value) };
    return { name: s.name.trim(), approver, mode: s.mode, condition };
  });
  return { steps, reminderHours: parseReminderHours(draft.reminderHours) };
}

const ROLE_NAME: Record<string, string> = { hr: 'HR', admin: '管理员', employee: '员工' };

/** One line per approver rule: "第 2 级上级", "角色：HR", "指定人员：张三、李四". */
export function describeApprover(a: RouteStep['approver'], names: Record<string, string> = {}): string {
  switch (a.type) {
    case 'manager':
      return a.level === 1 ? '直属上级' : `第 ${a.level} 级上级`;
    case 'departmentHead':
      return '部门负责人';
    case 'role':
      return `角色：${ROLE_NAME[a.role] ?? a.role}`;
    case 'employees':
      return `指定人员：${a.employeeIds.map((id) => names[id] ?? id).join('、') || '—'}`;
    default:
      return '—';
  }
}

/** "days > 3" with the field's label when known: "天数 > 3". */
export function describeCondition(c: RouteCondition | null | undefined, businessType: string): string {
  if (!c) return '始终';
  const label = CONDITION_FIELDS[businessType]?.find((f) => f.field === c.field)?.label ?? c.field;
  return `${label} ${c.op} ${c.value}`;
}

/** Move the step at `from` by `delta` (-1 up, +1 down); out-of-range moves return the same list. */
export function moveStep<T>(steps: T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (from < 0 || from >= steps.length || to < 0 || to >= steps.length) return steps;
  const next = steps.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** Parse "steps.1.approver.level" / "steps[1].name" into a step index, or -1 for the route itself. */
export function stepIndexOfPath(path: string): number {
  const m = /^steps(?:\.|\[)(\d+)/.exec(path);
  return m ? Number(m[1]) : -1;
}

/** Replace employee ids the server quotes ("审批人不存在或已离职：<id>") with the names the editor knows. */
export function withNames(message: string, people: EmployeeRef[]): string {
  let out = message;
  for (const p of people) if (p.id && p.name && p.name !== p.id) out = out.split(p.id).join(p.name);
  return out;
}

/** Server messages per step index from APPROVAL_ROUTE_INVALID details `{steps: {"1": ["…"]}}` (shown on the step cards). */
export function serverStepErrors(details: Record<string, unknown> | undefined): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  const m = details?.steps;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return out;
  for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
    if (!/^\d+$/.test(k)) continue;
    const msgs = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && !!x);
    if (msgs.length) out[Number(k)] = msgs;
  }
  return out;
}

/**
 * Readable lines from an APPROVAL_ROUTE_INVALID error's details. Accepts the shapes a validator commonly sends:
 * `{errors: [{path|field, stepIndex?, message}]}`, `{steps: {"1": ["…"]}}` / `{fields: {"steps.1.name": ["…"]}}`,
 * `{stepIndex, message}`; anything else yields [] (the error message itself is shown anyway).
 */
export function routeErrorLines(details: Record<string, unknown> | undefined): string[] {
  if (!details) return [];
  const lines: string[] = [];
  const where = (step: number) => (step >= 0 ? `第 ${step + 1} 步：` : '');
  const add = (step: number, msg: unknown) => {
    if (typeof msg === 'string' && msg) lines.push(`${where(step)}${msg}`);
    else if (Array.isArray(msg)) msg.forEach((m) => add(step, m));
  };
  const errs = details.errors;
  if (Array.isArray(errs)) {
    for (const e of errs) {
      if (typeof e === 'string') add(-1, e);
      else if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        const path = typeof o.path === 'string' ? o.path : typeof o.field === 'string' ? o.field : '';
        const step = typeof o.stepIndex === 'number' ? o.stepIndex : typeof o.step === 'number' ? o.step : stepIndexOfPath(path);
        add(step, o.message);
      }
    }
  }
  for (const key of ['steps', 'fields'] as const) {
    const m = details[key];
    if (m && typeof m === 'object' && !Array.isArray(m)) {
      for (const [k, v] of Object.entries(m as Record<string, unknown>)) {
        const step = /^\d+$/.test(k) ? Number(k) : stepIndexOfPath(k);
        add(step, v);
      }
    }
  }
  if (typeof details.stepIndex === 'number' && typeof details.message === 'string') add(details.stepIndex, details.message);
  return lines;
}

/**
 * The server's routes merged with the types the admin always lists. A type the server did not return
 * (its module is not registered yet) gets a local one-step default; saving it may answer APPROVAL_TYPE_UNKNOWN.
 */
export function mergeRoutes(server: ApprovalRouteView[]): (ApprovalRouteView & { known: boolean })[] {
  const byType = new Map(server.map((r) => [r.businessType, r]));
  const types = [...ADMIN_BUSINESS_TYPES, ...server.map((r) => r.businessType).filter((t) => !ADMIN_BUSINESS_TYPES.includes(t))];
  return types.map((t) => {
    const r = byType.get(t);
    if (r) return { ...r, businessTypeName: businessTypeName(t, r.businessTypeName), known: true };
    return {
      id: null,
      businessType: t,
      businessTypeName: businessTypeName(t),
      steps: [{ name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any', condition: null }],
      reminderHours: null,
      updatedAt: null,
      known: false,
    };
  });
}
