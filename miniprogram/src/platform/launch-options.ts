/**
 * The app's launch query, remembered from App onLaunch (see app.tsx). On DingTalk the workbench
 * home page is configured as `pages/landing/index?corpId=$CORPID$`, so `corpId` arrives here.
 */
let launchQuery: Record<string, string> = {};

export function rememberLaunchQuery(query: Record<string, unknown> | undefined): void {
  if (!query) return;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) out[k] = String(v);
  }
  launchQuery = { ...launchQuery, ...out };
}

export function getLaunchQuery(): Record<string, string> {
  return launchQuery;
}

/**
 * The deep-link target the app was launched with (`redirect` in the launch query, or in the H5
 * URL), handed out once so a later visit to landing (e.g. after log-out) does not jump again.
 */
export function takeLaunchRedirect(): string {
  const r = launchQuery.redirect || '';
  if (r) {
    const { redirect: _drop, ...rest } = launchQuery;
    launchQuery = rest;
  }
  return r;
}
