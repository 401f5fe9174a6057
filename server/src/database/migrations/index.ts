import { InitialSchema1763700000000 } from './1763700000000-InitialSchema';
import { BindingTodoEnabled1763800000000 } from './1763800000000-BindingTodoEnabled';
import { Approvals1763900000000 } from './1763900000000-Approvals';
import { Outbox1764000000000 } from './1764000000000-Outbox';
import { Leave1764100000000 } from './1764100000000-Leave';
import { CallbackRetry1764200000000 } from './1764200000000-CallbackRetry';
import { Attendance1764300000000 } from './1764300000000-Attendance';
import { FilesField1764400000000 } from './1764400000000-FilesField';
import { GroupEffectiveFrom1764500000000 } from './1764500000000-GroupEffectiveFrom';
import { AttendanceAssignments1764600000000 } from './1764600000000-AttendanceAssignments';
import { LeaveRequestEnd1764700000000 } from './1764700000000-LeaveRequestEnd';
import { AdminLoginLockout1764800000000 } from './1764800000000-AdminLoginLockout';
import { ResultEpochs1764900000000 } from './1764900000000-ResultEpochs';
import { ResultsClustered1765000000000 } from './1765000000000-ResultsClustered';
import { PunchesClustered1765100000000 } from './1765100000000-PunchesClustered';

/** Every migration, in order (classes, not globs: works from src under ts-jest and from dist). */
export const MIGRATIONS = [InitialSchema1763700000000, BindingTodoEnabled1763800000000, Approvals1763900000000, Outbox1764000000000, Leave1764100000000, CallbackRetry1764200000000, Attendance1764300000000, FilesField1764400000000, GroupEffectiveFrom1764500000000, AttendanceAssignments1764600000000, LeaveRequestEnd1764700000000, AdminLoginLockout1764800000000, ResultEpochs1764900000000, ResultsClustered1765000000000, PunchesClustered1765100000000];
