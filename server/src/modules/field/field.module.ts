import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { AdminFieldController, FieldController } from './field.controller';
import { FieldService } from './field.service';

/** 外勤签到. Exports FieldService: `fieldDaysByEmployee(tenantId, from, to)` for the monthly report. */
@Module({
  imports: [FilesModule],
  controllers: [FieldController, AdminFieldController],
  providers: [FieldService],
  exports: [FieldService],
})
export class FieldModule {}
