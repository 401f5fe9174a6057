import { Routes, type EmployeeProfile, type PlatformLoginRequest, type PlatformLoginResponse } from '@hrlink/shared';
import { http } from './http';
import { clearSession, getSession, saveProfile, saveTokens } from './session';

/** POST /auth/login with the host's code; stores the tokens and the profile. */
export async function loginWithCode(req: PlatformLoginRequest): Promise<EmployeeProfile> {
  const res = await http.post<PlatformLoginResponse>(Routes.auth.login, req, { auth: false });
  saveTokens(res, res.employee);
  return res.employee;
}

/** GET /me (refreshes the token once if it expired). */
export async function fetchMe(): Promise<EmployeeProfile> {
  const me = await http.get<EmployeeProfile>(Routes.me);
  saveProfile(me);
  return me;
}

export function cachedProfile(): EmployeeProfile | null {
  return getSession()?.profile ?? null;
}

export function hasSession(): boolean {
  return !!getSession();
}

/** Best effort server-side logout, then forget the tokens locally. */
export async function logout(): Promise<void> {
  const s = getSession();
  try {
    if (s) await http.post(Routes.auth.logout, { refreshToken: s.refreshToken }, { auth: true });
  } catch {
    // the local session is cleared anyway
  } finally {
    clearSession();
  }
}
