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

export async function fetchDepartments(): Promise<DepartmentNode[]> {
  const res = await http.get<DepartmentNode[] | DepartmentNode | { items: DepartmentNode[] }>(Routes.org.departments);
  return toTree(Array.isArray(res) ? res : 'items' in res ? res.items : [res]);
}

/** Accept either a tree (roots with children) or a flat list with parentId. */
export function toTree(nodes: DepartmentNode[]): DepartmentNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const isFlat = nodes.some((n) => n.parentId && ids.has(n.parentId));
  if (!isFlat) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, { ...n, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.order - b.order);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
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
