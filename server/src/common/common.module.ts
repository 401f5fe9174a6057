import { Global, Module } from '@nestjs/common';
import { TypedConfig } from '../config/typed-config';
import { Transactions } from '../database/transactions';
import { AuditService } from './audit/audit.service';
import { OrgEventBus } from './org-events';

@Global()
@Module({
  providers: [TypedConfig, Transactions, AuditService, OrgEventBus],
  exports: [TypedConfig, Transactions, AuditService, OrgEventBus],
})
export class CommonModule {}
