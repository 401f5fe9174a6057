import { isPlatform } from '@hrlink/shared';
import type { HostAuth } from './types';

/** Query keys the sandbox phone page (and a workbench link / notice deep link) put on the H5 URL. */
export const LAUNCH_KEYS = ['platform', 'code', 'corpId', 'redirect'] as const;

function parse(search: string): Map<string, string> {
  const out = new Map<string, string>();
  const s = search.startsWith('?') ? search.slice(1) : search;
  for (const part of s.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.set(decodeURIComponent(rawKey.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' ')));
    } catch {
      // malformed escape: ignore this pair
    }
  }
  return out;
}

/**
 * `?platform=dingtalk&code=XXX&corpId=YYY` → HostAuth, or null when platform or code is
 * missing or the platform is not one we know.
 */
export function parseLaunchQuery(search: string): HostAuth | null {
  const q = parse(search);
  const platform = q.get('platform');
  const code = (q.get('code') || '').trim();
  if (!isPlatform(platform) || !code) return null;
  const corpId = (q.get('corpId') || '').trim();
  return corpId ? { platform, code, corpId } : { platform, code };
}

/**
 * The raw `redirect` of a deep link (`…/h5/?platform=&code=&redirect=%2Fpages%2Fapprovals%2Fdetail%3Fid%3DX`),
 * decoded; '' when absent. Check it with safeRedirect() before navigating.
 */
export function parseLaunchRedirect(search: string): string {
  return (parse(search).get('redirect') || '').trim();
}

/** The same search string without the launch keys (other params are kept, order preserved). */
export function stripLaunchQuery(search: string): string {
  const s = search.startsWith('?') ? search.slice(1) : search;
  const kept = s
    .split('&')
    .filter((part) => {
      if (!part) return false;
      const key = part.split('=')[0];
      return !(LAUNCH_KEYS as readonly string[]).includes(key);
    });
  return kept.length ? `?${kept.join('&')}` : '';
}
