import { canGetFreshCode, getHostAuth } from '../platform/auth';
import { loginWithCode, hasSession } from './auth';
import { ClientError, ClientErrorCode, isSessionLost, toUiError } from './errors';
import { clearSession } from './session';

/**
 * The one place that turns "no session" into a log-in with the host's auth code.
 * Landing uses it, and so does every page that can be opened directly (a notice / card deep link
 * opens `pages/approvals/detail?id=…` without going through landing).
 *
 *  - H5: a code in the launch URL that has not been exchanged yet wins over a stored session
 *    (the sandbox phone page opens the same browser as different people).
 *  - dd / qywx / lark: a stored session is used as is; without one the host is asked for a
 *    fresh code (dd.getAuthCode / wx.qy.login / tt.login).
 */

export const NO_CODE_MESSAGE = '请从钉钉/企业微信/飞书工作台或沙箱手机页面打开';

/** Codes already exchanged in this page session (an H5 link's code is single-use). */
const usedCodes = new Set<string>();
let inFlight: Promise<'login' | 'session'> | null = null;

async function loginFromHost(required: boolean): Promise<'login' | 'session' | null> {
  const auth = await getHostAuth();
  if (auth && !usedCodes.has(auth.code)) {
    try {
      await loginWithCode(auth);
    } catch (err) {
      // A network error may be retried with the same code; any answer from the server used it up.
      if (toUiError(err).code !== ClientErrorCode.NETWORK_ERROR) usedCodes.add(auth.code);
      throw err;
    }
    usedCodes.add(auth.code);
    return 'login';
  }
  if (required) throw new ClientError(ClientErrorCode.NO_LAUNCH_CODE, NO_CODE_MESSAGE);
  return null;
}

async function run(fresh: boolean): Promise<'login' | 'session'> {
  if (fresh && canGetFreshCode) {
    await loginFromHost(true);
    return 'login';
  }
  if (!canGetFreshCode) {
    const done = await loginFromHost(false);
    if (done) return done;
  }
  if (hasSession()) return 'session';
  await loginFromHost(true);
  return 'login';
}

/**
 * Make sure there is a session. Resolves 'login' when it just logged in, 'session' when a stored
 * one is used. Concurrent callers share one log-in.
 * `fresh` (landing, i.e. every launch from the workbench): on dd / qywx / lark always log in with a
 * new host code, so a user who switched corp in the host does not keep the other corp's session.
 */
export function ensureLogin(opts: { fresh?: boolean } = {}): Promise<'login' | 'session'> {
  if (!inFlight) {
    inFlight = run(!!opts.fresh).finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

/**
 * Run an API call with a session: logs in first if needed, and if the stored session turns out to
 * be dead (refresh failed, employee unknown) logs in again once with a fresh host code — on hosts
 * that can give one — and retries.
 */
export async function withSession<T>(fn: () => Promise<T>): Promise<T> {
  const how = await ensureLogin();
  try {
    return await fn();
  } catch (err) {
    if (how === 'session' && canGetFreshCode && isSessionLost(toUiError(err))) {
      clearSession();
      await ensureLogin();
      return fn();
    }
    throw err;
  }
}
