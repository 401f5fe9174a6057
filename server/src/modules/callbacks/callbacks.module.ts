import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { rawBodyMiddleware } from './raw-body.middleware';
import { IntegrationsModule } from '../integrations/integrations.module';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';

/**
 * Platform callbacks. JSON bodies keep their bytes through `rawBody: true` (createApp); other content types
 * (WeCom / DingTalk XML, text) are read as raw bytes by a parser scoped to these routes.
 */
@Module({
  imports: [IntegrationsModule],
  controllers: [CallbacksController],
  providers: [CallbacksService],
})
export class CallbacksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rawBodyMiddleware).forRoutes({ path: 'callbacks/*path', method: RequestMethod.ALL });
  }
}
