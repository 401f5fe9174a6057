import { Global, Module } from '@nestjs/common';
import { TypedConfig } from '../config/typed-config';
import { Transactions } from '../database/transactions';
import { AuditService } from './audit/audit.service';

@Global()
@Module({
  providers: [TypedConfig, Transactions, AuditService],
  exports: [TypedConfig, Transactions, AuditService],
})
export class CommonModule {}
