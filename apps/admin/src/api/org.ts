import { Routes } from '@hrlink/shared';
import type {
  DepartmentNode,
  EmployeeDetail,
  EmployeeListItem,
  EmployeeListQuery,
  Page,
  UpdateEmployeeRequest,
} from '@hrlink/shared';
import { http } from './client';
import { toTree } from '../utils/tree';

export async function fetchDepartments(): Promise<DepartmentNode[]> {
  const res = await http.get<DepartmentNode[] | DepartmentNode | { items: DepartmentNode[] }>(Routes.org.departments);
  return toTree(Array.isArray(res) ? res : 'items' in res ? res.items : [res]);
}

export function fetchEmployees(query: EmployeeListQuery): Promise<Page<EmployeeListItem>> {
  return http.get(Routes.org.employees, query);
}

export function fetchEmployee(id: string): Promise<EmployeeDetail> {
  return http.get(Routes.org.employee(id));
}

export function updateEmployee(id: string, body: UpdateEmployeeRequest): Promise<EmployeeDetail> {
  return http.patch(Routes.org.employee(id), body);
}
