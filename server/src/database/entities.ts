import { AuditLog } from '../common/audit/audit-log.entity';
import { AdminUser } from '../modules/auth/entities/admin-user.entity';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { PlatformBinding } from '../modules/integrations/entities/platform-binding.entity';
import { SyncRun } from '../modules/integrations/entities/sync-run.entity';
import { Department } from '../modules/org/entities/department.entity';
import { EmployeeDepartment } from '../modules/org/entities/employee-department.entity';
import { EmployeeIdentity } from '../modules/org/entities/employee-identity.entity';
import { Employee } from '../modules/org/entities/employee.entity';
import { Tenant } from '../modules/tenants/tenant.entity';
import { APPROVAL_ENTITIES } from '../modules/approvals/entities';
import { OutboxMessage } from '../modules/notifications/entities/outbox-message.entity';
import { LEAVE_ENTITIES } from '../modules/leave/entities';
import { ATTENDANCE_ENTITIES } from '../modules/attendance/entities';
import { CallbackEvent } from '../modules/callbacks/entities/callback-event.entity';
import { StoredFile } from '../modules/files/entities/stored-file.entity';
import { FieldCheckin } from '../modules/field/entities/field-checkin.entity';

export const ENTITIES = [Tenant, PlatformBinding, Department, Employee, EmployeeDepartment, EmployeeIdentity, AdminUser,
  RefreshToken, SyncRun, AuditLog, ...APPROVAL_ENTITIES, OutboxMessage, CallbackEvent, ...LEAVE_ENTITIES, ...ATTENDANCE_ENTITIES, StoredFile, FieldCheckin];
