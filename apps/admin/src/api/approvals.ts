import { Routes } from '@hrlink/shared';
import type {
  AdminApprovalListQuery,
  ApprovalInstanceDetail,
  ApprovalInstanceSummary,
  ApprovalRouteView,
  DeliveryListQuery,
  DeliveryView,
  Page,
  UpsertApprovalRouteRequest,
} from '@hrlink/shared';
import { downloadFile, http, type DownloadedFile } from './client';

/** One route per business type the server knows; types never saved come back with id null (the built-in default). */
export async function fetchApprovalRoutes(): Promise<ApprovalRouteView[]> {
  const res = await http.get<ApprovalRouteView[] | { items: ApprovalRouteView[] }>(Routes.admin.approvalRoutes);
  return Array.isArray(res) ? res : res.items;
}

export function saveApprovalRoute(businessType: string, body: UpsertApprovalRouteRequest): Promise<ApprovalRouteView> {
  return http.put(Routes.admin.approvalRoute(businessType), body);
}

export function fetchApprovalInstances(query: AdminApprovalListQuery): Promise<Page<ApprovalInstanceSummary>> {
  return http.get(Routes.admin.approvalInstances, query);
}

export function fetchApprovalInstance(id: string): Promise<ApprovalInstanceDetail> {
  return http.get(Routes.admin.approvalInstance(id));
}

/** The same filters as the list, without paging: every matching instance as .xlsx. */
export function exportApprovalInstances(query: AdminApprovalListQuery, fallbackName: string): Promise<DownloadedFile> {
  const { page: _page, pageSize: _size, ...filters } = query;
  return downloadFile(Routes.admin.approvalInstancesExport, filters, fallbackName);
}

export function fetchDeliveries(query: DeliveryListQuery): Promise<Page<DeliveryView>> {
  return http.get(Routes.admin.deliveries, query);
}

/** Puts a failed delivery back in the queue; the server answers with the row as it is now. */
export function retryDelivery(id: string): Promise<DeliveryView> {
  return http.post(Routes.admin.retryDelivery(id));
}
