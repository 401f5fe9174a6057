import { Module } from '@nestjs/common';
import { IntegrationsModule } from '../integrations/integrations.module';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';

/**
 * Platform callbacks. Every body parser of the app (common/http/body-parsers.ts) keeps the body bytes in `req.rawBody`:
 * JSON, forms, and the content types that are not parsed (WeCom / DingTalk XML, text); over 1 MiB → 413.
 */
@Module({
  imports: [IntegrationsModule],
  controllers: [CallbacksController],
  providers: [CallbacksService],
})
export class CallbacksModule {}
