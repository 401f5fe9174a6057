import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { BindingsService } from './bindings.service';
import { ConnectorsService } from './connectors.service';
import { IntegrationsController } from './integrations.controller';
import { SyncScheduler } from './sync.scheduler';
import { SyncService } from './sync.service';

@Module({
  imports: [TenantsModule],
  controllers: [IntegrationsController],
  providers: [BindingsService, ConnectorsService, SyncService, SyncScheduler],
  exports: [BindingsService, ConnectorsService, SyncService, SyncScheduler],
})
export class IntegrationsModule {}
