import type { HostAuth } from './types';
import { parseLaunchQuery, parseLaunchRedirect, stripLaunchQuery } from './launch-query';
import { rememberLaunchQuery } from './launch-options';

/**
 * Browser (H5): the sandbox phone page (or a workbench link) opens
 * `/h5/?platform=dingtalk&code=XXX&corpId=YYY`. We read the params once, when this module is
 * first imported (app.tsx imports it before the router runs), and strip them from the address
 * bar with history.replaceState so a reload or a shared link does not replay a used code.
 */
export const hostName = '浏览器';
/** The code in the URL is single-use; a retry re-sends the same one (useful after a network error). */
export const canGetFreshCode = false;

let captured: HostAuth | null | undefined;

export function captureLaunch(): HostAuth | null {
  if (captured !== undefined) return captured;
  captured = null;
  if (typeof window === 'undefined') return captured;
  const { search, pathname, hash } = window.location;
  captured = parseLaunchQuery(search);
  // A notice / card deep link: `…&redirect=/pages/approvals/detail?id=X`; landing goes there after log-in.
  const redirect = parseLaunchRedirect(search);
  if (redirect) rememberLaunchQuery({ redirect });
  const rest = stripLaunchQuery(search);
  if (rest !== search) {
    try {
      window.history.replaceState(window.history.state, '', `${pathname}${rest}${hash}`);
    } catch {
      // ignore: some embedded browsers forbid replaceState
    }
  }
  return captured;
}

captureLaunch();

export async function getHostAuth(): Promise<HostAuth | null> {
  return captureLaunch();
}
