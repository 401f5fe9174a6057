import type { ApproverRule, Role, RouteCondition, RouteStep } from '@hrlink/shared';

// Pure approval routing: who approves each step of a route for one applicant. No framework imports.

export interface OrgPerson {
  id: string;
  managerId: string | null;
  active: boolean;
  /** The person's main department (null: the company root / none). */
  mainDepartmentId: string | null;
}

export interface OrgDept {
  id: string;
  parentId: string | null;
  headEmployeeId: string | null;
}

/**
 * The part of the org the resolution needs. `people` must hold the applicant, their manager chain, the department
 * heads and every named or role-holding person (the service prefetches them; a person missing here is treated as
 * unknown, i.e. never an approver).
 */
export interface OrgView {
  people: ReadonlyMap<string, OrgPerson>;
  departments: ReadonlyMap<string, OrgDept>;
  /** Active holders of each role. */
  roleHolders: Partial<Record<Role, readonly string[]>>;
}

export type SkipReason = 'condition' | 'empty' | 'self';

export interface ResolvedStep {
  /** Index in the route as saved. */
  routeIndex: number;
  name: string;
  mode: 'any' | 'all';
  /** Approvers after self-removal, active only, de-duplicated, in a stable order. */
  approverIds: string[];
  /** The applicant was one of this step's approvers and was removed. */
  selfRemoved: boolean;
}

export interface Resolution {
  /** Steps that apply (condition held), including empty ones (approverIds = []), which the engine skips. */
  steps: ResolvedStep[];
  /** Steps whose condition did not hold: not part of the instance. */
  notApplicable: number[];
  /**
   * What happens when no step is left with an approver: `none` — there are approvers; `hr` — the instance falls to
   * the tenant's HR (a fallback step is appended); `auto` — nobody at all: approved by the system.
   */
  fallback: 'none' | 'hr' | 'auto';
}

export const HR_FALLBACK_STEP_NAME = '人事审批';

/** The N-th manager above the applicant (1 = direct manager); null when the chain ends (or loops) before level N. */
export function managerAtLevel(org: OrgView, applicantId: string, level: number): string | null {
  const seen = new Set<string>([applicantId]);
  let current = org.people.get(applicantId);
  for (let i = 0; i < level; i++) {
    const next = current?.managerId ? org.people.get(current.managerId) : undefined;
    if (!next || seen.has(next.id)) return null;
    seen.add(next.id);
    current = next;
  }
  return current?.id ?? null;
}

/** Head of the applicant's main department; if the applicant is that head (or it has none), the nearest ancestor's head. */
export function departmentHeadFor(org: OrgView, applicantId: string): string | null {
  const seen = new Set<string>();
  let dept = org.departments.get(org.people.get(applicantId)?.mainDepartmentId ?? '');
  while (dept && !seen.has(dept.id)) {
    seen.add(dept.id);
    if (dept.headEmployeeId && dept.headEmployeeId !== applicantId) return dept.headEmployeeId;
    dept = dept.parentId ? org.departments.get(dept.parentId) : undefined;
  }
  return null;
}

export function approversFor(org: OrgView, applicantId: string, rule: ApproverRule): string[] {
  switch (rule.type) {
    case 'manager': {
      const id = managerAtLevel(org, applicantId, rule.level);
      return id ? [id] : [];
    }
    case 'departmentHead': {
      const id = departmentHeadFor(org, applicantId);
      return id ? [id] : [];
    }
    case 'role':
      return [...(org.roleHolders[rule.role] ?? [])];
    case 'employees':
      return [...rule.employeeIds];
    default:
      return [];
  }
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return null;
};

/**
 * `data[field] op value`. Numbers (or numeric strings) on both sides compare numerically; otherwise only `==` / `!=`
 * apply, as strings. A missing field, a non-numeric side of `<`-like ops or an unknown op → false.
 */
export function evaluateCondition(cond: RouteCondition, data: Record<string, unknown>): boolean {
  if (!Object.prototype.hasOwnProperty.call(data, cond.field)) return false;
  const actual = data[cond.field];
  if (actual === null || actual === undefined) return false;
  const a = asNumber(actual);
  const b = asNumber(cond.value);
  if (a !== null && b !== null) {
    switch (cond.op) {
      case '>': return a > b;
      case '>=': return a >= b;
      case '<': return a < b;
      case '<=': return a <= b;
      case '==': return a === b;
      case '!=': return a !== b;
      default: return false;
    }
  }
  if (typeof actual === 'object') return false;
  if (cond.op === '==') return String(actual) === String(cond.value);
  if (cond.op === '!=') return String(actual) !== String(cond.value);
  return false;
}

/**
 * Resolves a route's steps for an applicant: conditions, approvers per rule, inactive / unknown people dropped,
 * the applicant removed from every step (never approves their own request), duplicates inside a step removed.
 * When no step has an approver left, the request falls to the HR role holders (minus the applicant), or, with no HR
 * either, is approved by the system.
 *
 * Consecutive duplicates across steps are NOT removed here: the engine handles them when a step becomes active
 * (someone who approved the previous step has their task in the next step approved automatically, see
 * `carriedForward`), because in an "any" step we only know who actually approved at that time.
 */
export function resolveRoute(steps: readonly RouteStep[], org: OrgView, applicantId: string, data: Record<string, unknown>): Resolution {
  const resolved: ResolvedStep[] = [];
  const notApplicable: number[] = [];
  steps.forEach((step, routeIndex) => {
    if (step.condition && !evaluateCondition(step.condition, data)) {
      notApplicable.push(routeIndex);
      return;
    }
    const raw = approversFor(org, applicantId, step.approver);
    const active = [...new Set(raw)].filter((id) => org.people.get(id)?.active);
    resolved.push({
      routeIndex, name: step.name, mode: step.mode,
      approverIds: active.filter((id) => id !== applicantId),
      selfRemoved: active.includes(applicantId),
    });
  });
  if (resolved.some((s) => s.approverIds.length > 0)) return { steps: resolved, notApplicable, fallback: 'none' };
  const hr = [...new Set(org.roleHolders.hr ?? [])].filter((id) => id !== applicantId && org.people.get(id)?.active);
  if (hr.length === 0) return { steps: resolved, notApplicable, fallback: 'auto' };
  resolved.push({ routeIndex: -1, name: HR_FALLBACK_STEP_NAME, mode: 'any', approverIds: hr, selfRemoved: false });
  return { steps: resolved, notApplicable, fallback: 'hr' };
}

/** Approvers of the step about to start who already approved the step just finished: their approval carries forward. */
export function carriedForward(stepApproverIds: readonly string[], approvedInPreviousStep: readonly string[]): string[] {
  const prev = new Set(approvedInPreviousStep);
  return stepApproverIds.filter((id) => prev.has(id));
}

/** Outcome of a step given its tasks' statuses (transferred tasks are replaced by their successors). */
export function stepOutcome(mode: 'any' | 'all', statuses: readonly string[]): 'approved' | 'rejected' | 'open' {
  const live = statuses.filter((s) => s !== 'transferred' && s !== 'cancelled');
  if (live.includes('rejected')) return 'rejected';
  if (mode === 'any') return live.includes('approved') ? 'approved' : 'open';
  return live.length > 0 && live.every((s) => s === 'approved') ? 'approved' : 'open';
}
