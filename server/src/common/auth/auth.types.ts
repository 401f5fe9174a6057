import type { Platform, Role } from '@hrlink/shared';

export type SessionKind = 'employee' | 'admin';

/** The JWT access-token payload. */
export interface AccessTokenPayload {
  kind: SessionKind;
  /** Employee id (kind employee) or admin user id (kind admin). */
  sub: string;
  /** Tenant id: every query is scoped by it. */
  tid: string;
  roles: Role[];
  platform: Platform | null;
}

/** What @CurrentUser() gives a handler. */
export interface SessionUser {
  kind: SessionKind;
  id: string;
  tenantId: string;
  roles: Role[];
  platform: Platform | null;
}
