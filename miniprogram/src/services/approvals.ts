import {
  DEFAULT_PAGE_SIZE,
  Routes,
  type ApprovalActRequest,
  type ApprovalCounts,
  type ApprovalInstanceDetail,
  type ApprovalInstanceSummary,
  type CreateGeneralRequest,
  type EmployeeRef,
  type Page,
} from '@hrlink/shared';
import { http } from './http';
import { itemsOf } from '../approvals/paging';

/** The three lists of the 审批 page. */
export type ApprovalTab = 'todo' | 'mine' | 'done';

/** GET /approvals/todo | mine | done → Page<ApprovalInstanceSummary> (1-based page). */
export function fetchApprovalList(tab: ApprovalTab, page: number, pageSize = DEFAULT_PAGE_SIZE) {
  return http.get<Page<ApprovalInstanceSummary>>(Routes.approvals[tab], { query: { page, pageSize } });
}

export function fetchApprovalCounts() {
  return http.get<ApprovalCounts>(Routes.approvals.counts);
}

export function fetchApproval(id: string) {
  return http.get<ApprovalInstanceDetail>(Routes.approvals.instance(id));
}

/** POST …/actions. The answer is not relied on: the page reloads the detail afterwards. */
export function actOnApproval(id: string, body: ApprovalActRequest) {
  return http.post<unknown>(Routes.approvals.act(id), body);
}

export function withdrawApproval(id: string) {
  return http.post<unknown>(Routes.approvals.withdraw(id), {});
}

export function createGeneralApproval(body: CreateGeneralRequest) {
  return http.post<ApprovalInstanceDetail>(Routes.approvals.general, body);
}

/** GET /approvals/people?q= → colleagues a task can be transferred to (Page or array accepted). */
export async function searchPeople(q: string): Promise<EmployeeRef[]> {
  const res = await http.get<Page<EmployeeRef> | EmployeeRef[]>(Routes.approvals.people, {
    query: { q: q.trim() || undefined, pageSize: 20 },
  });
  return itemsOf(res);
}
