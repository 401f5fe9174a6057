import type { Platform } from '@hrlink/shared';

/** What the host app gave us to log in with: POST /auth/login body. */
export interface HostAuth {
  platform: Platform;
  code: string;
  corpId?: string;
}
