import type { SyncRunView } from '@hrlink/shared';
import { iso } from '../../common/dates';
import { SyncRun } from './entities/sync-run.entity';

export const toSyncRunView = (r: SyncRun): SyncRunView => ({
  id: r.id, bindingId: r.bindingId, platform: r.platform, trigger: r.trigger, status: r.status,
  startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt),
  departmentsSeen: r.departmentsSeen, membersSeen: r.membersSeen,
  departmentsCreated: r.departmentsCreated, departmentsUpdated: r.departmentsUpdated, departmentsDeactivated: r.departmentsDeactivated,
  employeesCreated: r.employeesCreated, employeesUpdated: r.employeesUpdated, employeesDeactivated: r.employeesDeactivated,
  identitiesLinked: r.identitiesLinked, identitiesRemoved: r.identitiesRemoved, unmatched: r.unmatched,
  rowsWritten: r.rowsWritten, errors: r.errors ?? [],
});
