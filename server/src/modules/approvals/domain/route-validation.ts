import { Role, type RouteStep } from '@hrlink/shared';

// Pure validation of a route HR saves. No framework imports.

export const ROUTE_LIMITS = { maxSteps: 10, maxStepName: 30, maxLevel: 5, maxEmployees: 50, maxReminderHours: 720 } as const;
export const CONDITION_OPS = ['>', '>=', '<', '<=', '==', '!='] as const;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface RouteValidationResult {
  ok: boolean;
  /** Messages per step index (as a string key, the shape the admin reads). */
  steps: Record<string, string[]>;
  /** Messages about the route as a whole (no steps, reminderHours). */
  fields: Record<string, string[]>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a route: 1..10 steps; each with a name, mode any/all, an approver rule (manager level 1..5; departmentHead;
 * role in Role; employees non-empty, no duplicates, every id an active employee of the tenant), an optional complete
 * condition (identifier field, known op, number for ordering ops); reminderHours null or an integer 1..720.
 */
export function validateRoute(
  input: { steps: unknown; reminderHours: unknown },
  isActiveEmployee: (id: string) => boolean,
): RouteValidationResult {
  const steps: Record<string, string[]> = {};
  const fields: Record<string, string[]> = {};
  const add = (bucket: Record<string, string[]>, key: string, msg: string) => (bucket[key] ??= []).push(msg);

  const rh = input.reminderHours;
  if (rh !== null && rh !== undefined && !(Number.isInteger(rh) && (rh as number) >= 1 && (rh as number) <= ROUTE_LIMITS.maxReminderHours)) {
    add(fields, 'reminderHours', `催办时间须为 1–${ROUTE_LIMITS.maxReminderHours} 的整数小时，或不催办`);
  }
  if (!Array.isArray(input.steps) || input.steps.length === 0) {
    add(fields, 'steps', '至少需要一个审批步骤');
  } else if (input.steps.length > ROUTE_LIMITS.maxSteps) {
    add(fields, 'steps', `审批步骤不能超过 ${ROUTE_LIMITS.maxSteps} 个`);
  } else {
    input.steps.forEach((raw: unknown, i: number) => {
      const key = String(i);
      if (!isObj(raw)) return add(steps, key, '步骤格式不正确');
      const name = typeof raw.name === 'string' ? raw.name.trim() : '';
      if (!name) add(steps, key, '请填写步骤名称');
      else if ([...name].length > ROUTE_LIMITS.maxStepName) add(steps, key, `步骤名称不能超过 ${ROUTE_LIMITS.maxStepName} 个字`);
      if (raw.mode !== 'any' && raw.mode !== 'all') add(steps, key, '审批方式须为或签 (any) 或会签 (all)');
      const a = raw.approver;
      if (!isObj(a)) add(steps, key, '请选择审批人');
      else if (a.type === 'manager') {
        if (!(Number.isInteger(a.level) && (a.level as number) >= 1 && (a.level as number) <= ROUTE_LIMITS.maxLevel)) {
          add(steps, key, `主管级别须为 1–${ROUTE_LIMITS.maxLevel}`);
        }
      } else if (a.type === 'departmentHead') {
        // nothing else to check
      } else if (a.type === 'role') {
        if (!(Object.values(Role) as unknown[]).includes(a.role)) add(steps, key, '角色不存在');
      } else if (a.type === 'employees') {
        const ids = a.employeeIds;
        if (!Array.isArray(ids) || ids.length === 0) add(steps, key, '请至少选择一名审批人');
        else if (ids.length > ROUTE_LIMITS.maxEmployees) add(steps, key, `指定审批人不能超过 ${ROUTE_LIMITS.maxEmployees} 人`);
        else if (ids.some((x) => typeof x !== 'string')) add(steps, key, '审批人格式不正确');
        else {
          if (new Set(ids).size !== ids.length) add(steps, key, '审批人重复');
          const unknown = (ids as string[]).filter((id) => !isActiveEmployee(id));
          if (unknown.length) add(steps, key, `审批人不存在或已离职：${unknown.join(', ')}`);
        }
      } else add(steps, key, '审批人类型不正确');
      const c = raw.condition;
      if (c !== undefined && c !== null) {
        if (!isObj(c)) add(steps, key, '条件格式不正确');
        else {
          if (typeof c.field !== 'string' || !FIELD.test(c.field)) add(steps, key, '条件字段须为字母、数字或下划线组成的名称');
          if (!(CONDITION_OPS as readonly unknown[]).includes(c.op)) add(steps, key, '条件运算符不正确');
          const v = c.value;
          if (typeof v !== 'number' && typeof v !== 'string') add(steps, key, '请填写条件的值');
          else if (typeof v === 'string' && v.trim() === '') add(steps, key, '请填写条件的值');
          else if (typeof v === 'number' && !Number.isFinite(v)) add(steps, key, '条件的值须为有限数字');
          else if (['>', '>=', '<', '<='].includes(c.op as string) && typeof v === 'string' && !/^-?\d+(\.\d+)?$/.test(v.trim())) {
            add(steps, key, '大小比较的条件值须为数字');
          }
        }
      }
    });
  }
  return { ok: Object.keys(steps).length === 0 && Object.keys(fields).length === 0, steps, fields };
}

/** The stored form of valid steps (only known keys; names trimmed). */
export function normalizeSteps(steps: RouteStep[]): RouteStep[] {
  return steps.map((s) => {
    const a = s.approver;
    const approver = a.type === 'manager' ? { type: a.type, level: a.level }
      : a.type === 'role' ? { type: a.type, role: a.role }
        : a.type === 'employees' ? { type: a.type, employeeIds: [...a.employeeIds] }
          : { type: 'departmentHead' as const };
    const c = s.condition;
    return { name: s.name.trim(), approver, mode: s.mode, condition: c ? { field: c.field, op: c.op, value: c.value } : null };
  });
}

/** Built-in route of a type HR never saved: the direct manager, any. Business modules may register their own. */
export function defaultSteps(): RouteStep[] {
  return [{ name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any', condition: null }];
}
