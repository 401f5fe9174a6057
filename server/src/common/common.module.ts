import { Global, Module } from '@nestjs/common';
import { TypedConfig } from '../config/typed-config';
import { Transactions } from '../database/transactions';
import { AuditService } from './audit/audit.service';
import { OrgEventBus } from './org-events';
import { EmployeeStatusCache } from './auth/employee-status';

@Global()
@Module({
  providers: [TypedConfig, Transactions, AuditService, OrgEventBus, EmployeeStatusCache],
  exports: [TypedConfig, Transactions, AuditService, OrgEventBus, EmployeeStatusCache],
})
export class CommonModule {}
