import { PLATFORM_META, PLATFORMS, Routes } from '@hrlink/shared';
import type {
  Page,
  PlatformBindingInput,
  PlatformBindingView,
  PlatformMeta,
  SyncRunQuery,
  SyncRunView,
  TenantSettingsView,
  TestConnectionResult,
  UpdateTenantSettingsRequest,
} from '@hrlink/shared';
import { http } from './client';

/** Form metadata per platform; the server's list, keyed by platform. */
export async function fetchPlatformMetas(): Promise<PlatformMeta[]> {
  const res = await http.get<PlatformMeta[] | Record<string, PlatformMeta> | { items: PlatformMeta[] }>(
    Routes.integrations.platforms,
  );
  if (Array.isArray(res)) return res;
  if ('items' in res && Array.isArray(res.items)) return res.items as PlatformMeta[];
  return PLATFORMS.map((p) => (res as Record<string, PlatformMeta>)[p] ?? PLATFORM_META[p]);
}

export async function fetchBindings(): Promise<PlatformBindingView[]> {
  const res = await http.get<PlatformBindingView[] | { items: PlatformBindingView[] }>(Routes.integrations.bindings);
  return Array.isArray(res) ? res : res.items;
}

export function createBinding(body: PlatformBindingInput): Promise<PlatformBindingView> {
  return http.post(Routes.integrations.bindings, body);
}

export function updateBinding(id: string, body: Partial<PlatformBindingInput>): Promise<PlatformBindingView> {
  return http.patch(Routes.integrations.binding(id), body);
}

export function testBinding(id: string): Promise<TestConnectionResult> {
  return http.post(Routes.integrations.testBinding(id));
}

/** Starts a sync; the server answers with the new (running) run. */
export function startSync(id: string): Promise<SyncRunView> {
  return http.post(Routes.integrations.syncBinding(id));
}

export function fetchSyncRuns(query: SyncRunQuery): Promise<Page<SyncRunView>> {
  return http.get(Routes.integrations.syncRuns, query);
}

export function fetchSyncRun(id: string): Promise<SyncRunView> {
  return http.get(Routes.integrations.syncRun(id));
}

export function fetchTenantSettings(): Promise<TenantSettingsView> {
  return http.get(Routes.tenant.settings);
}

export function updateTenantSettings(body: UpdateTenantSettingsRequest): Promise<TenantSettingsView> {
  return http.patch(Routes.tenant.settings, body);
}
