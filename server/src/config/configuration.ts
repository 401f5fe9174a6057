import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigValidationError, EnvironmentVariables, validateEnv } from './env.validation';
import { fromRoot } from './paths';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  logLevel: string;
  demoSeed: boolean;
  syncOnStartup: boolean;
  syncScheduleEnabled: boolean;
  adminDist: string;
  h5Dist: string;
}

export interface DatabaseConfig {
  type: 'sqlite' | 'mysql';
  /** mysql:// URL when type is mysql. */
  url: string | null;
  /** SQLite file path (absolute) or ':memory:'. */
  sqlitePath: string;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export interface CryptoConfig {
  /** 32-byte AES-256-GCM key for fields encrypted at rest. */
  encryptionKey: Buffer;
  /** Where the key came from: env, file (data/secret.key) or generated (and written to the file). */
  keySource: 'env' | 'file' | 'generated';
}

export interface PlatformsConfig {
  baseUrls: { dingtalkOapi: string; dingtalkApi: string; wecom: string; feishu: string };
  maxRequestsPerSecond: number | undefined;
  timeoutMs: number;
}

export interface DeliveryConfig {
  dispatcherEnabled: boolean;
  intervalMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  leaseMs: number;
  batchSize: number;
  /** Client-side token bucket per binding for outbox deliveries. */
  rpsPerBinding: number;
  /** Base of the H5 deep link (`<base>/pages/approvals/detail?id=…`). */
  linkBase: string;
  /** Per-platform deep-link templates ({link} {path} {pathEncoded} {corpId} {appKey} {agentId}); null = the H5 link. */
  linkTemplates: { dingtalk: string | null; wecom: string | null; feishu: string | null };
}

export interface ApprovalsConfig {
  /** Seconds between reminder passes; 0 = off. */
  reminderIntervalSeconds: number;
}

export interface CallbacksConfig {
  /** How often the job looks for contact events whose application failed and is due again. */
  retryIntervalMs: number;
  /** Retry delay base · 2^(attempt-1) (equal jitter), capped at 5 min. */
  retryBaseMs: number;
  /** Applications (first one included) before an event is left as `failed` for the nightly sync. */
  retryMaxAttempts: number;
}

export interface FilesConfig {
  /** Upload size limit in bytes (FILE_MAX_BYTES, default 5 MB). */
  maxBytes: number;
  /** LocalFolderStorage root (absolute). */
  uploadDir: string;
  /** HMAC key of the short-lived file URLs. */
  urlSecret: string;
  /** Lifetime of a file URL, ≤ 600 s. */
  urlTtlSeconds: number;
  /** Where the bytes live (FILES_STORAGE): `local` = uploadDir, `s3` = the bucket in `s3`. */
  storage: 'local' | 's3';
  /** S3-compatible bucket; set when storage is `s3`. */
  s3: S3StorageConfig | null;
}

export interface S3StorageConfig {
  /** Endpoint URL of an S3-compatible service; null = AWS S3 for the region. */
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface AttendanceConfig {
  /** Seconds between checks whether a tenant's day has ended and its past days can be closed (ResultsCloser); 0 = off. */
  closeIntervalSeconds: number;
}

/** The whole typed configuration, one key per concern. */
export interface Config {
  app: AppConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  crypto: CryptoConfig;
  platforms: PlatformsConfig;
  delivery: DeliveryConfig;
  approvals: ApprovalsConfig;
  attendance: AttendanceConfig;
  callbacks: CallbacksConfig;
  files: FilesConfig;
}

function parseKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

/** Reads APP_ENCRYPTION_KEY; outside production, falls back to data/secret.key (created on first start). */
function loadEncryptionKey(env: EnvironmentVariables, isProd: boolean): CryptoConfig {
  if (env.APP_ENCRYPTION_KEY) return { encryptionKey: parseKey(env.APP_ENCRYPTION_KEY), keySource: 'env' };
  if (isProd) {
    throw new ConfigValidationError([
      { variable: 'APP_ENCRYPTION_KEY', messages: ['APP_ENCRYPTION_KEY is required in production (32 bytes, base64 or hex)'] },
    ]);
  }
  const file = fromRoot('data/secret.key');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/.test(text)) {
      throw new ConfigValidationError([{ variable: 'APP_ENCRYPTION_KEY', messages: [`${file} does not hold a 32-byte key`] }]);
    }
    return { encryptionKey: parseKey(text), keySource: 'file' };
  }
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return { encryptionKey: key, keySource: 'generated' };
}

/** Validates the environment and builds the typed config. Throws ConfigValidationError naming the variable. */
export function buildConfig(raw: Record<string, string | undefined>): Config {
  const env = validateEnv(raw);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const isProd = nodeEnv === 'production';
  const crypto = loadEncryptionKey(env, isProd);
  const jwtSecret =
    env.JWT_SECRET ??
    // Derived from the encryption key so that tokens survive restarts without another secret to manage.
    require('node:crypto').createHmac('sha256', crypto.encryptionKey).update('hrlink-jwt').digest('base64');
  const sqlitePath = env.SQLITE_PATH === ':memory:' ? ':memory:' : fromRoot(env.SQLITE_PATH ?? 'data/hrlink.sqlite');
  return {
    app: {
      env: nodeEnv,
      port: env.PORT ?? 3000,
      host: env.HOST ?? '127.0.0.1',
      logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
      demoSeed: env.DEMO_SEED ?? false,
      syncOnStartup: env.SYNC_ON_STARTUP ?? true,
      syncScheduleEnabled: env.SYNC_SCHEDULE_ENABLED ?? true,
      adminDist: fromRoot(env.ADMIN_DIST ?? 'apps/admin/dist'),
      h5Dist: fromRoot(env.H5_DIST ?? 'miniprogram/dist/h5'),
    },
    database: env.DATABASE_URL
      ? { type: 'mysql', url: env.DATABASE_URL, sqlitePath }
      : { type: 'sqlite', url: null, sqlitePath },
    auth: {
      jwtSecret,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS ?? 30 * 24 * 3600,
    },
    crypto,
    platforms: {
      baseUrls: {
        dingtalkOapi: env.DINGTALK_OAPI_BASE ?? 'https://oapi.dingtalk.com',
        dingtalkApi: env.DINGTALK_API_BASE ?? 'https://api.dingtalk.com',
        wecom: env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
        feishu: env.FEISHU_API_BASE ?? 'https://open.feishu.cn',
      },
      maxRequestsPerSecond: env.PLATFORM_MAX_RPS,
      timeoutMs: env.PLATFORM_TIMEOUT_MS ?? 10_000,
    },
    delivery: {
      dispatcherEnabled: env.DISPATCHER_ENABLED ?? true,
      intervalMs: env.DISPATCHER_INTERVAL_MS ?? 500,
      maxAttempts: env.DELIVERY_MAX_ATTEMPTS ?? 8,
      backoffBaseMs: env.DELIVERY_BACKOFF_BASE_MS ?? 2_000,
      backoffMaxMs: env.DELIVERY_BACKOFF_MAX_MS ?? 15 * 60_000,
      leaseMs: env.DELIVERY_LEASE_MS ?? 60_000,
      batchSize: env.DELIVERY_BATCH_SIZE ?? 20,
      rpsPerBinding: env.DELIVERY_RPS_PER_BINDING ?? 10,
      linkBase: (env.MINIAPP_LINK_BASE ?? `${(env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '')}/h5/#`).replace(/\/$/, ''),
      linkTemplates: {
        dingtalk: env.DINGTALK_LINK_TEMPLATE ?? null,
        wecom: env.WECOM_LINK_TEMPLATE ?? null,
        feishu: env.FEISHU_LINK_TEMPLATE ?? null,
      },
    },
    approvals: { reminderIntervalSeconds: env.APPROVAL_REMINDER_INTERVAL_SECONDS ?? 60 },
    attendance: { closeIntervalSeconds: env.ATTENDANCE_CLOSE_INTERVAL_SECONDS ?? 600 },
    callbacks: {
      retryIntervalMs: env.CALLBACK_RETRY_INTERVAL_MS ?? 1_000,
      retryBaseMs: env.CALLBACK_RETRY_BASE_MS ?? 2_000,
      retryMaxAttempts: env.CALLBACK_RETRY_MAX_ATTEMPTS ?? 10,
    },
    files: {
      maxBytes: env.FILE_MAX_BYTES ?? 5 * 1024 * 1024,
      uploadDir: fromRoot(env.UPLOAD_DIR ?? 'data/uploads'),
      urlSecret: env.FILE_URL_SECRET ?? require('node:crypto').createHmac('sha256', crypto.encryptionKey).update('hrlink-file-urls').digest('base64'),
      urlTtlSeconds: env.FILE_URL_TTL_SECONDS ?? 300,
      storage: env.FILES_STORAGE ?? 'local',
      s3: env.FILES_STORAGE === 's3'
        ? {
          endpoint: env.S3_ENDPOINT ?? null,
          region: env.S3_REGION!,
          bucket: env.S3_BUCKET!,
          accessKeyId: env.S3_ACCESS_KEY_ID!,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
          forcePathStyle: env.S3_FORCE_PATH_STYLE ?? false,
        }
        : null,
    },
  };
}
