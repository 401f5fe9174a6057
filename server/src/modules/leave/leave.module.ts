import { Module } from '@nestjs/common';
import { LeaveController, OvertimeController } from './leave.controller';
import { LeaveCore } from './leave-core.service';
import { LeaveService } from './leave.service';
import { OvertimeService } from './overtime.service';

/**
 * Leave and overtime. Exports LeaveService, whose `onLeaveDays(tenantId, employeeId, from, to)` gives attendance the
 * approved leave days of a person.
 */
@Module({
  controllers: [LeaveController, OvertimeController],
  providers: [LeaveCore, LeaveService, OvertimeService],
  exports: [LeaveService, LeaveCore],
})
export class LeaveModule {}
