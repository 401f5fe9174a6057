import { Module } from '@nestjs/common';
import { IntegrationsModule } from '../integrations/integrations.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { Dispatcher } from './dispatcher.service';
import { OutboxService } from './outbox.service';

/** Outbox (rows written from approval events), dispatcher (delivery with lease + retries) and the delivery log. */
@Module({
  imports: [IntegrationsModule],
  controllers: [DeliveriesController],
  providers: [OutboxService, Dispatcher, DeliveriesService],
  exports: [OutboxService, Dispatcher],
})
export class NotificationsModule {}
