import type { LeaveType, LeavePolicy } from './entities';

type TypeDefaults = Omit<LeaveType, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'beforeInsertRow' | 'beforeUpdateRow'>;

const base = { paid: true, hoursPerDay: 8, countsRestDays: false, requiresBalance: false, allowNegative: false, attachmentOverDays: null,
  minNoticeDays: null, maxPerRequest: null, carryForwardCap: null, carryForwardExpiry: null, isAnnual: false, enabled: true };

/** The 8 default types (hr-rules.md → Leave), seeded for every tenant on first use. HR edits them afterwards. */
export const DEFAULT_LEAVE_TYPES: TypeDefaults[] = [
  { ...base, code: 'annual', name: '年假', unit: 'half_day', requiresBalance: true, isAnnual: true, sortOrder: 1 },
  { ...base, code: 'comp_time', name: '调休', unit: 'hour', requiresBalance: true, sortOrder: 2 },
  { ...base, code: 'personal', name: '事假', paid: false, unit: 'half_day', sortOrder: 3 },
  { ...base, code: 'sick', name: '病假', unit: 'half_day', attachmentOverDays: 2, sortOrder: 4 },
  { ...base, code: 'marriage', name: '婚假', unit: 'day', maxPerRequest: 3, sortOrder: 5 },
  { ...base, code: 'maternity', name: '产假', unit: 'day', countsRestDays: true, sortOrder: 6 },
  { ...base, code: 'paternity', name: '陪产假', unit: 'day', sortOrder: 7 },
  { ...base, code: 'bereavement', name: '丧假', unit: 'day', maxPerRequest: 3, sortOrder: 8 },
] as TypeDefaults[];

export const DEFAULT_POLICY: Pick<LeavePolicy, 'annualMode' | 'annualTiers' | 'compTimeRatio' | 'compForWorkdayOvertime' | 'compTimeExpiryDays'> = {
  annualMode: 'statutory', annualTiers: [], compTimeRatio: 1, compForWorkdayOvertime: false, compTimeExpiryDays: null,
};
