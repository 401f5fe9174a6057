import type { Platform } from './platform';
import type { Role } from './auth';
import type { PageQuery } from './paging';

export const EmployeeStatus = {
  Active: 'active',
  Left: 'left',
} as const;
export type EmployeeStatus = (typeof EmployeeStatus)[keyof typeof EmployeeStatus];

export interface DepartmentRef {
  id: string;
  name: string;
}

export interface EmployeeRef {
  id: string;
  name: string;
  title?: string | null;
}

export interface DepartmentNode {
  id: string;
  name: string;
  parentId: string | null;
  order: number;
  headEmployeeId: string | null;
  memberCount: number;
  children: DepartmentNode[];
}

export interface EmployeeIdentityView {
  platform: Platform;
  platformUserId: string;
  unionId: string | null;
  openId: string | null;
}

/** A row in the admin's employee list (mobile masked). */
export interface EmployeeListItem {
  id: string;
  name: string;
  employeeNo: string | null;
  title: string | null;
  mobileMasked: string | null;
  departments: DepartmentRef[];
  manager: EmployeeRef | null;
  status: EmployeeStatus;
  platforms: Platform[];
}

export interface EmployeeDetail extends EmployeeListItem {
  hireDate: string | null; // YYYY-MM-DD
  firstWorkDate: string | null; // YYYY-MM-DD, for statutory annual leave
  roles: Role[];
  identities: EmployeeIdentityView[];
  reports: EmployeeRef[];
  leftAt: string | null; // ISO instant
  createdAt: string;
  updatedAt: string;
}

/** What the mini-program shows as "me". */
export interface EmployeeProfile {
  id: string;
  name: string;
  employeeNo: string | null;
  title: string | null;
  tenantId: string;
  tenantName: string;
  departments: DepartmentRef[];
  manager: EmployeeRef | null;
  roles: Role[];
  /** The platform of the current session. */
  platform: Platform | null;
  isManager: boolean;
}

export interface EmployeeListQuery extends PageQuery {
  q?: string;
  departmentId?: string;
  /** Include members of sub-departments of departmentId. Default true. */
  includeChildren?: boolean;
  status?: EmployeeStatus;
}

export interface UpdateEmployeeRequest {
  hireDate?: string | null;
  firstWorkDate?: string | null;
  roles?: Role[];
}
