import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { API_PREFIX } from '@hrlink/shared';
import { AppModule } from './app.module';
import { buildConfig, Config } from './config/configuration';
import { installFieldCipher } from './common/crypto/encrypted.transformer';
import { FieldCipher } from './common/crypto/field-cipher';
import { createValidationPipe } from './common/errors/validation';
import { toErrorResponse } from './common/errors/exception.filter';
import { SeedService } from './modules/seed/seed.service';
import { SyncScheduler } from './modules/integrations/sync.scheduler';
import { SyncService } from './modules/integrations/sync.service';

export interface CreatedApp {
  app: INestApplication;
  config: Config;
}

/**
 * Validates the environment (process.env with `overrides` on top; throws ConfigValidationError naming the variable),
 * builds and initialises the Nest app (migrations run while connecting), then runs the start-up tasks: demo seed,
 * recovery of interrupted sync runs, the sync schedule and the start-up sync. Does not listen: callers do.
 */
export async function createApp(overrides: Record<string, string | undefined> = {}): Promise<CreatedApp> {
  const config = buildConfig({ ...process.env, ...overrides });
  installFieldCipher(new FieldCipher(config.crypto.encryptionKey));

  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false, rawBody: true });
  app.useLogger(app.get(Logger));
  // An API of JSON answers: no ETag hashing of every body (nothing here sends conditional requests), no banner header.
  app.set('etag', false);
  app.disable('x-powered-by');
  // Body parsers registered here, followed by an error middleware, so malformed or oversized bodies get our error shape.
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { extended: true, limit: '1mb' });
  app.use((err: unknown, _req: unknown, res: { status(n: number): { json(b: unknown): void } }, next: (e?: unknown) => void) => {
    if (!err) return next();
    const { status, body } = toErrorResponse(err);
    res.status(status).json(body);
  });
  app.setGlobalPrefix(API_PREFIX.replace(/^\//, ''));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('hrlink API').setDescription('Employee self-service HR for DingTalk / WeCom / Feishu').setVersion('0.1.0').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();

  if (config.app.demoSeed) await app.get(SeedService).seedDemoIfEmpty();
  const sync = app.get(SyncService);
  await sync.recoverStaleRuns();
  if (config.app.syncScheduleEnabled) await app.get(SyncScheduler).start();
  if (config.app.syncOnStartup) await sync.syncAllTenantsOnStartup();
  return { app, config };
}
