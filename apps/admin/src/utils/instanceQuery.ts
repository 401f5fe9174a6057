import type { Dayjs } from 'dayjs';
import type { AdminApprovalListQuery, ApprovalStatus, EmployeeRef } from '@hrlink/shared';

export interface InstanceFilters {
  businessType?: string;
  status?: ApprovalStatus;
  applicant: EmployeeRef | null;
  range: [Dayjs, Dayjs] | null;
}

/** Filters -> the list/export query: YYYY-MM-DD dates (the server reads them in the tenant's time zone). */
export function toInstanceQuery(f: InstanceFilters, page?: number, pageSize?: number): AdminApprovalListQuery {
  return {
    businessType: f.businessType,
    status: f.status,
    applicantId: f.applicant?.id,
    from: f.range ? f.range[0].format('YYYY-MM-DD') : undefined,
    to: f.range ? f.range[1].format('YYYY-MM-DD') : undefined,
    page,
    pageSize,
  };
}
