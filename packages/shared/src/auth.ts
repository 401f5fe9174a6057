import type { Platform } from './platform';
import type { EmployeeProfile } from './org';

export const Role = {
  Employee: 'employee',
  Hr: 'hr',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Mini-program log-in with the host app's in-app auth code. */
export interface PlatformLoginRequest {
  platform: Platform;
  /** dd.getAuthCode / wx.qy.login / tt.login code. */
  code: string;
  /** DingTalk corpId (dd.getAuthCode needs it) or the corp the host reports; optional. */
  corpId?: string;
}

/** HR web admin log-in. */
export interface AdminLoginRequest {
  username: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface PlatformLoginResponse extends TokenPair {
  employee: EmployeeProfile;
}

export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  tenantId: string;
  tenantName: string;
  employeeId: string | null;
}

export interface AdminLoginResponse extends TokenPair {
  user: AdminUserView;
}
