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
  approvals: {
    /** GET: my pending tasks (待我审批). */
    todo: '/approvals/todo',
    /** GET: requests I filed (我发起的). */
    mine: '/approvals/mine',
    /** GET: instances I acted on (我已处理). */
    done: '/approvals/done',
    counts: '/approvals/counts',
    instance: (id: string) => `/approvals/instances/${encodeURIComponent(id)}`,
    /** POST ApprovalActRequest. */
    act: (id: string) => `/approvals/instances/${encodeURIComponent(id)}/actions`,
    withdraw: (id: string) => `/approvals/instances/${encodeURIComponent(id)}/withdraw`,
    /** POST CreateGeneralRequest → ApprovalInstanceDetail. */
    general: '/approvals/general',
    /** GET: employees a task can be transferred to (?q=). */
    people: '/approvals/people',
  },
  admin: {
    approvalRoutes: '/admin/approval-routes',
    approvalRoute: (businessType: string) => `/admin/approval-routes/${encodeURIComponent(businessType)}`,
    approvalInstances: '/admin/approval-instances',
    /** GET, same filters as approvalInstances → .xlsx */
    approvalInstancesExport: '/admin/approval-instances/export',
    approvalInstance: (id: string) => `/admin/approval-instances/${encodeURIComponent(id)}`,
    deliveries: '/admin/deliveries',
    retryDelivery: (id: string) => `/admin/deliveries/${encodeURIComponent(id)}/retry`,
  },
  leave: {
    types: '/leave/types',
    /** POST LeaveRequestInput → LeavePreview (nothing saved). */
    preview: '/leave/preview',
    requests: '/leave/requests',
    request: (id: string) => `/leave/requests/${encodeURIComponent(id)}`,
    withdraw: (id: string) => `/leave/requests/${encodeURIComponent(id)}/withdraw`,
    /** POST {reason} → starts a revoke approval for an approved request. */
    cancel: (id: string) => `/leave/requests/${encodeURIComponent(id)}/cancel`,
    balances: '/leave/balances',
    ledger: '/leave/ledger',
    /** GET ?from&to → TeamLeaveEntry[] for the caller's reports (managers). */
    team: '/leave/team',
    calendar: '/leave/calendar',
  },
  overtime: {
    requests: '/overtime/requests',
    request: (id: string) => `/overtime/requests/${encodeURIComponent(id)}`,
  },
  adminLeave: {
    types: '/admin/leave/types',
    type: (id: string) => `/admin/leave/types/${encodeURIComponent(id)}`,
    /** GET ?year → CalendarYearView */
    calendar: '/admin/leave/calendar',
    /** PUT CalendarOverrideRequest; DELETE /:date */
    calendarOverrides: '/admin/leave/calendar/overrides',
    calendarOverride: (date: string) => `/admin/leave/calendar/overrides/${encodeURIComponent(date)}`,
    policy: '/admin/leave/policy',
    /** POST {year, dryRun} → AnnualGrantResult */
    annualGrant: '/admin/leave/annual-grant',
    balances: '/admin/leave/balances',
    balancesExport: '/admin/leave/balances/export',
    /** POST multipart file → ImportPreview */
    balancesImport: '/admin/leave/balances/import',
    balancesImportCommit: (token: string) => `/admin/leave/balances/import/${encodeURIComponent(token)}/commit`,
    /** GET → .xlsx template for the import */
    balancesImportTemplate: '/admin/leave/balances/import-template',
    adjustments: '/admin/leave/adjustments',
    ledger: '/admin/leave/ledger',
    requests: '/admin/leave/requests',
    requestsExport: '/admin/leave/requests/export',
    overtime: '/admin/overtime/requests',
    overtimeExport: '/admin/overtime/requests/export',
  },
  attendance: {
    /** GET ?latitude&longitude&accuracy&ssid&bssid → TodayView (location optional). */
    today: '/attendance/today',
    /** POST DeviceLocation → LocationCheck. */
    check: '/attendance/check',
    /** POST PunchRequest → PunchResult. */
    punches: '/attendance/punches',
    /** GET ?month=YYYY-MM → MonthView. */
    month: '/attendance/month',
    fieldCheckins: '/attendance/field-checkins',
    corrections: '/attendance/corrections',
    correctionQuota: '/attendance/corrections/quota',
    /** Managers: GET → TeamTodayRow[]. */
    teamToday: '/attendance/team/today',
    /** Managers: GET ?date → FieldCheckinView[]. */
    teamFieldCheckins: '/attendance/team/field-checkins',
  },
  files: {
    /** POST multipart `file` → UploadedFileView. */
    upload: '/files',
    /** GET ?t=<signed token> → the bytes (short-lived URL). */
    file: (id: string) => `/files/${encodeURIComponent(id)}`,
  },
  adminAttendance: {
    groups: '/admin/attendance/groups',
    group: (id: string) => `/admin/attendance/groups/${encodeURIComponent(id)}`,
    sites: (groupId: string) => `/admin/attendance/groups/${encodeURIComponent(groupId)}/sites`,
    site: (groupId: string, siteId: string) => `/admin/attendance/groups/${encodeURIComponent(groupId)}/sites/${encodeURIComponent(siteId)}`,
    /** POST RecomputeGroupRequest → RecomputeGroupResult (重新计算). */
    groupRecompute: (id: string) => `/admin/attendance/groups/${encodeURIComponent(id)}/recompute`,
    /** GET AdminDailyQuery → Page<DailyResultView>. */
    daily: '/admin/attendance/daily',
    anomalies: '/admin/attendance/anomalies',
    fieldCheckins: '/admin/attendance/field-checkins',
    /** GET ?month → MonthlyReportRow[]; /export → .xlsx. */
    report: '/admin/attendance/report',
    reportExport: '/admin/attendance/report/export',
  },
  /** Platform event callbacks, one URL per binding (configured in the platform's developer console). */
  callbacks: {
    binding: (platform: string, bindingId: string) => `/callbacks/${platform}/${encodeURIComponent(bindingId)}`,
  },
} as const;
