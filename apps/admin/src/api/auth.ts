import { Routes } from '@hrlink/shared';
import type { AdminLoginRequest, AdminLoginResponse } from '@hrlink/shared';
import { request } from './client';
import { clearSession, getSession, startSession } from './session';

export async function adminLogin(input: AdminLoginRequest): Promise<AdminLoginResponse> {
  const res = await request<AdminLoginResponse>('POST', Routes.auth.adminLogin, { body: input, auth: false });
  startSession(res, res.user);
  return res;
}

/** Best effort: tell the server to drop the refresh token, then forget the session locally. */
export async function logout(): Promise<void> {
  const session = getSession();
  if (session) {
    try {
      await request('POST', Routes.auth.logout, { body: { refreshToken: session.refreshToken } });
    } catch {
      // The local session is cleared either way.
    }
  }
  clearSession();
}
