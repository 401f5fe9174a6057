import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every environment variable the server reads. Unknown variables are ignored. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, { message: 'DATABASE_URL must look like mysql://user:pass@host:port/db' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  SQLITE_PATH?: string;

  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^([A-Za-z0-9+/]{43}=|[0-9a-fA-F]{64})$/, {
    message: 'APP_ENCRYPTION_KEY must be 32 bytes as base64 (44 chars) or hex (64 chars)',
  })
  APP_ENCRYPTION_KEY?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Matches(/^.{16,}$/, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(300)
  REFRESH_TOKEN_TTL_SECONDS?: number;

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_SEED?: boolean;

  @IsOptional() @Transform(toBool) @IsBoolean()
  SYNC_ON_STARTUP?: boolean;

  @IsOptional() @Transform(toBool) @IsBoolean()
  SYNC_SCHEDULE_ENABLED?: boolean;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  ADMIN_DIST?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  H5_DIST?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^https?:\/\/\S+$/, { message: 'DINGTALK_OAPI_BASE must be an http(s) URL' })
  DINGTALK_OAPI_BASE?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^https?:\/\/\S+$/, { message: 'DINGTALK_API_BASE must be an http(s) URL' })
  DINGTALK_API_BASE?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^https?:\/\/\S+$/, { message: 'WECOM_API_BASE must be an http(s) URL' })
  WECOM_API_BASE?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^https?:\/\/\S+$/, { message: 'FEISHU_API_BASE must be an http(s) URL' })
  FEISHU_API_BASE?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  PLATFORM_MAX_RPS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120000)
  PLATFORM_TIMEOUT_MS?: number;

  // ----- delivery (outbox dispatcher) and deep links -----
  @IsOptional() @Transform(toBool) @IsBoolean()
  DISPATCHER_ENABLED?: boolean;

  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(600000)
  DISPATCHER_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100)
  DELIVERY_MAX_ATTEMPTS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3600000)
  DELIVERY_BACKOFF_BASE_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(86400000)
  DELIVERY_BACKOFF_MAX_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(3600000)
  DELIVERY_LEASE_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  DELIVERY_BATCH_SIZE?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  DELIVERY_RPS_PER_BINDING?: number;

  // ----- approvals and callbacks -----
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  APPROVAL_REMINDER_INTERVAL_SECONDS?: number;

  // ----- attendance -----
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400)
  ATTENDANCE_CLOSE_INTERVAL_SECONDS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(600000)
  CALLBACK_RETRY_INTERVAL_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3600000)
  CALLBACK_RETRY_BASE_MS?: number;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100)
  CALLBACK_RETRY_MAX_ATTEMPTS?: number;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  MINIAPP_LINK_BASE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  DINGTALK_LINK_TEMPLATE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  WECOM_LINK_TEMPLATE?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  FEISHU_LINK_TEMPLATE?: string;

  // files (modules/files)
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  FILE_MAX_BYTES?: number;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  UPLOAD_DIR?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Matches(/^.{16,}$/, { message: 'FILE_URL_SECRET must be at least 16 characters' })
  FILE_URL_SECRET?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(600)
  FILE_URL_TTL_SECONDS?: number;

  // files: where the bytes live. `local` (UPLOAD_DIR, default) or `s3` (any S3-compatible service; S3_* below).
  @IsOptional() @Transform(emptyToUndefined) @IsIn(['local', 's3'], { message: 'FILES_STORAGE must be local or s3' })
  FILES_STORAGE?: 'local' | 's3';

  /** Endpoint of an S3-compatible service (MinIO, OSS, COS, …); unset = AWS S3 for S3_REGION. */
  @ValidateIf((o: EnvironmentVariables) => o.FILES_STORAGE === 's3' && o.S3_ENDPOINT !== undefined)
  @Transform(emptyToUndefined) @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @ValidateIf((o: EnvironmentVariables) => o.FILES_STORAGE === 's3') @Transform(emptyToUndefined)
  @IsNotEmpty({ message: 'S3_REGION is required when FILES_STORAGE=s3' }) @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must look like us-east-1 or cn-hangzhou' })
  S3_REGION?: string;

  @ValidateIf((o: EnvironmentVariables) => o.FILES_STORAGE === 's3') @Transform(emptyToUndefined)
  @IsNotEmpty({ message: 'S3_BUCKET is required when FILES_STORAGE=s3' })
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)' })
  S3_BUCKET?: string;

  @ValidateIf((o: EnvironmentVariables) => o.FILES_STORAGE === 's3') @Transform(emptyToUndefined)
  @IsNotEmpty({ message: 'S3_ACCESS_KEY_ID is required when FILES_STORAGE=s3' }) @IsString()
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((o: EnvironmentVariables) => o.FILES_STORAGE === 's3') @Transform(emptyToUndefined)
  @IsNotEmpty({ message: 'S3_SECRET_ACCESS_KEY is required when FILES_STORAGE=s3' }) @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), needed by MinIO and most self-hosted services. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; messages: string[] }[]) {
    super(
      'Invalid environment configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.messages.join('; ')}`).join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

export function validateEnv(raw: Record<string, string | undefined>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    throw new ConfigValidationError(
      errors.map((e) => ({ variable: e.property, messages: Object.values(e.constraints ?? {}) })),
    );
  }
  return env;
}
