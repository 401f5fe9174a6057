/** API paths, relative to the `/api` prefix. `:id` segments are filled by clients. */
export const API_PREFIX = '/api';

export const Routes = {
  health: '/health',
  auth: {
    login: '/auth/login',
    adminLogin: '/auth/admin-login',
    refresh: '/auth/refresh',
    logout: '/auth/logout',
  },
  me: '/me',
  org: {
    departments: '/org/departments',
    department: (id: string) => `/org/departments/${encodeURIComponent(id)}`,
    employees: '/org/employees',
    employee: (id: string) => `/org/employees/${encodeURIComponent(id)}`,
  },
  integrations: {
    platforms: '/integrations/platforms',
    bindings: '/integrations/bindings',
    binding: (id: string) => `/integrations/bindings/${encodeURIComponent(id)}`,
    testBinding: (id: string) => `/integrations/bindings/${encodeURIComponent(id)}/test`,
    syncBinding: (id: string) => `/integrations/bindings/${encodeURIComponent(id)}/sync`,
    syncRuns: '/integrations/sync-runs',
    syncRun: (id: string) => `/integrations/sync-runs/${encodeURIComponent(id)}`,
  },
  tenant: {
    settings: '/tenant/settings',
  },
} as const;
