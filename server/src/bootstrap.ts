import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
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
import { BODY_LIMIT, registerBodyParsers } from './common/http/body-parsers';
import { requestIdOf } from './common/http/request-id';
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

  // Fastify: a lower per-request CPU floor than Express. Router options keep Express's matching: a trailing slash is
  // ignored, paths match case-insensitively (parameters keep their case), parameters have no practical length cap
  // (find-my-way's default is 100 characters).
  // Request ids: the caller's x-request-id when sane, else a UUID; echoed on every response; pino-http logs it.
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT, genReqId: requestIdOf, routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 2048 },
    // Errors Fastify answers before routing (a malformed URL encoding, FST_ERR_BAD_URL…): our error shape too.
    frameworkErrors: (err: Error, _req: unknown, reply: FastifyReply) => {
      const { status, body } = toErrorResponse(err);
      void reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
    },
  });
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // Body parsers of our own (JSON / forms as body-parser parsed them, raw bytes kept for callback signatures); malformed or
  // oversized bodies reach the global exception filter (Nest's fastify error handler), which answers our error shape.
  // No ETag and no banner header: Fastify sends neither.
  registerBodyParsers(adapter.getInstance());
  // Uploads: limits per route (FileUploadInterceptor); parts are read only by the routes that take a file.
  await app.register(multipart as never);
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
