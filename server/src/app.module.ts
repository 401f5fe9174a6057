import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { configModule } from './config/config.module';
import type { Config } from './config/configuration';
import { AuthGuard } from './common/auth/auth.guard';
import { CommonModule } from './common/common.module';
import { AllExceptionsFilter } from './common/errors/exception.filter';
import { dataSourceOptions } from './database/data-source';
import { requestIdOf } from './common/http/request-id';
import { AuthModule } from './modules/auth/auth.module';
import { ApprovalsModule } from './modules/approvals/approvals.module';
import { HealthController } from './modules/health/health.controller';
import { IntegrationsModule } from './modules/integrations/integrations.module';
import { OrgModule } from './modules/org/org.module';
import { SeedService } from './modules/seed/seed.service';
import { TenantsModule } from './modules/tenants/tenants.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { CallbacksModule } from './modules/callbacks/callbacks.module';
import { LeaveModule } from './modules/leave/leave.module';
import { AttendanceModule } from './modules/attendance/attendance.module';
import { FilesModule } from './modules/files/files.module';
import { FieldModule } from './modules/field/field.module';

/** Built from an already validated config (createApp validates the environment first). */
@Module({})
export class AppModule {
  static forRoot(config: Config): DynamicModule {
    const jwtKey = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
    const statics = [
      { dir: config.app.adminDist, route: '/admin' },
      { dir: config.app.h5Dist, route: '/h5' },
    ].filter((s) => existsSync(join(s.dir, 'index.html')));
    return {
      module: AppModule,
      imports: [
        configModule(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.app.logLevel,
            // Fastify assigns the id (genReqId in createApp, echoed as x-request-id) and middie copies it to the Node
            // request, which pino-http then uses; this is only a fallback.
            genReqId: (req) => requestIdOf(req),
            // A request is logged by id, method, URL, address and user agent — not its headers (so no token or
            // cookie can reach a log line, and no per-request redaction pass: pino-http binds this to a child logger on
            // every request, logged or not).
            serializers: {
              req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string; headers?: Record<string, unknown> }) =>
                ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress, userAgent: req.headers?.['user-agent'] }),
            },
            customLogLevel: (_req, res, err) => (err || res.statusCode === 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          },
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          exclude: statics.map((s) => ({ path: `${s.route}/{*path}`, method: RequestMethod.ALL })),
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.database),
          dataSourceFactory: async (options) => new DataSource(options!).initialize(),
        }),
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the string as a PEM public key on
        // every verify before treating it as an HMAC secret — a measurable share of each request's CPU.
        JwtModule.register({ global: true, secretOrKeyProvider: () => jwtKey }),
        ScheduleModule.forRoot(),
        ...statics.map((s) =>
          // Fastify loader: `fallthrough` turns on the SPA fallback (index.html for unknown paths under the route);
          // `decorateReply: false` lets two @fastify/static instances (admin, H5) live side by side.
          ServeStaticModule.forRoot({ rootPath: s.dir, serveRoot: s.route, exclude: ['/api/{*path}'], serveStaticOptions: { fallthrough: true, decorateReply: false } }),
        ),
        CommonModule,
        TenantsModule,
        OrgModule,
        IntegrationsModule,
        AuthModule,
        ApprovalsModule,
        NotificationsModule,
        CallbacksModule,
        LeaveModule,
        AttendanceModule,
        FilesModule,
        FieldModule,
      ],
      controllers: [HealthController],
      providers: [
        SeedService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
