import { Module } from '@nestjs/common';
import { FieldModule } from '../field/field.module';
import { FilesModule } from '../files/files.module';
import { LeaveModule } from '../leave/leave.module';
import { AdminAttendanceController } from './admin-attendance.controller';
import { AdminAttendanceService } from './admin-attendance.service';
import { AttendanceClock } from './attendance-clock';
import { AttendanceController } from './attendance.controller';
import { AttendanceCore } from './attendance-core.service';
import { BulkResults } from './bulk-results';
import { AttendanceListeners } from './attendance-listeners';
import { AttendanceSeed } from './attendance-seed';
import { CorrectionsService } from './corrections.service';
import { PunchesService } from './punches.service';
import { DailyResultsWriter } from './results-writer';
import { ResultsCloser } from './results-closer';
import { DirtyDays } from './dirty-days';
import { PunchBatch } from './punch-batch';
import { AttendanceViewsService } from './views.service';

/**
 * Attendance: groups, sites, punches, daily results, 补卡 (approval type attendance_correction), reports.
 * Exports AttendanceCore (group of an employee, results) and AttendanceClock.
 */
@Module({
  imports: [LeaveModule, FilesModule, FieldModule],
  controllers: [AttendanceController, AdminAttendanceController],
  providers: [AttendanceClock, AttendanceCore, BulkResults, DirtyDays, DailyResultsWriter, ResultsCloser, PunchBatch, PunchesService, CorrectionsService, AttendanceViewsService, AttendanceSeed, AttendanceListeners, AdminAttendanceService],
  exports: [AttendanceCore, AttendanceClock, AttendanceSeed, DailyResultsWriter],
})
export class AttendanceModule {}
