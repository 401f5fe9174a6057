import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { AdminLeaveController } from './admin-leave.controller';
import { AdminLeaveService } from './admin-leave.service';
import { CalendarEventBus } from './calendar-events';
import { LeaveController, OvertimeController } from './leave.controller';
import { LeaveCore } from './leave-core.service';
import { LeaveService } from './leave.service';
import { LeaveToday } from './leave-today';
import { OvertimeService } from './overtime.service';

/**
 * Leave and overtime. Exports LeaveService, whose `onLeaveDays(tenantId, employeeId, from, to)` gives attendance the
 * approved leave days of a person, and CalendarEventBus (calendar overrides changed) for modules that store derived rows.
 */
@Module({
  imports: [FilesModule],
  controllers: [LeaveController, OvertimeController, AdminLeaveController],
  providers: [LeaveCore, LeaveService, LeaveToday, OvertimeService, AdminLeaveService, CalendarEventBus],
  exports: [LeaveService, LeaveToday, LeaveCore, AdminLeaveService, CalendarEventBus],
})
export class LeaveModule {}
