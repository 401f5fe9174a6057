/**
 * Every error the API returns has this body: `{ code, message, details? }`.
 * `message` is zh-CN text a user can read; `code` is what clients branch on.
 */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export const ErrorCode = {
  // generic
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  // auth
  AUTH_CODE_INVALID: 'AUTH_CODE_INVALID',
  AUTH_BAD_CREDENTIALS: 'AUTH_BAD_CREDENTIALS',
  AUTH_REFRESH_INVALID: 'AUTH_REFRESH_INVALID',
  PLATFORM_NOT_BOUND: 'PLATFORM_NOT_BOUND',
  EMPLOYEE_NOT_SYNCED: 'EMPLOYEE_NOT_SYNCED',
  EMPLOYEE_LEFT: 'EMPLOYEE_LEFT',
  // platform integration
  PLATFORM_UNREACHABLE: 'PLATFORM_UNREACHABLE',
  PLATFORM_BAD_RESPONSE: 'PLATFORM_BAD_RESPONSE',
  PLATFORM_AUTH_FAILED: 'PLATFORM_AUTH_FAILED',
  PLATFORM_RATE_LIMITED: 'PLATFORM_RATE_LIMITED',
  PLATFORM_ERROR: 'PLATFORM_ERROR',
  BINDING_DUPLICATE: 'BINDING_DUPLICATE',
  SYNC_ALREADY_RUNNING: 'SYNC_ALREADY_RUNNING',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code: the one place the mapping lives. */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  AUTH_CODE_INVALID: 401,
  AUTH_BAD_CREDENTIALS: 401,
  AUTH_REFRESH_INVALID: 401,
  PLATFORM_NOT_BOUND: 403,
  EMPLOYEE_NOT_SYNCED: 403,
  EMPLOYEE_LEFT: 403,
  PLATFORM_UNREACHABLE: 502,
  PLATFORM_BAD_RESPONSE: 502,
  PLATFORM_AUTH_FAILED: 502,
  PLATFORM_RATE_LIMITED: 503,
  PLATFORM_ERROR: 502,
  BINDING_DUPLICATE: 409,
  SYNC_ALREADY_RUNNING: 409,
};

/** Default zh-CN messages; the server may add specifics. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '请求参数不正确',
  NOT_FOUND: '数据不存在',
  CONFLICT: '数据冲突，请刷新后重试',
  FORBIDDEN: '没有权限执行此操作',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  PAYLOAD_TOO_LARGE: '上传内容过大',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  INTERNAL: '服务器内部错误',
  AUTH_CODE_INVALID: '免登授权码无效、已过期或已被使用，请重新打开应用',
  AUTH_BAD_CREDENTIALS: '用户名或密码错误',
  AUTH_REFRESH_INVALID: '登录状态已失效，请重新登录',
  PLATFORM_NOT_BOUND: '该企业尚未在 hrlink 中绑定此平台，请联系 HR',
  EMPLOYEE_NOT_SYNCED: '尚未同步到你的员工信息，请联系 HR 同步组织架构',
  EMPLOYEE_LEFT: '你的账号已离职停用',
  PLATFORM_UNREACHABLE: '无法连接开放平台，请稍后再试',
  PLATFORM_BAD_RESPONSE: '开放平台返回了无法识别的数据',
  PLATFORM_AUTH_FAILED: '开放平台凭证无效，请检查 AppKey / Secret',
  PLATFORM_RATE_LIMITED: '开放平台调用频率超限，请稍后再试',
  PLATFORM_ERROR: '开放平台返回错误',
  BINDING_DUPLICATE: '该平台的企业已绑定',
  SYNC_ALREADY_RUNNING: '同步正在进行中',
};
