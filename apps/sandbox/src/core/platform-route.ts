import type { SandboxState } from '../state';
import type { Handler, Req, Res, Router } from './http';
import type { Platform } from './types';

/** What each platform module tells the shared pipeline. */
export interface PlatformModule {
  platform: Platform;
  /** The calling app for the rate-limit bucket: from the token, or from the credentials of a token call. */
  callerApp(req: Req): string | null;
  /** Answers "too many requests" exactly like the platform. */
  rateLimited(req: Req, res: Res, retryAfterSeconds: number): void;
  routes: Array<[method: string, pattern: string, handler: Handler]>;
}

const GARBAGE_HTML =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>' +
  '<body><h1>系统繁忙</h1><p>The server is temporarily unable to service your request.</p></body></html>';

/**
 * Registers a platform's routes behind the shared pipeline: count the call, apply an injected fault,
 * apply the rate limit (per platform per app), then run the handler.
 */
export function mountPlatform(router: Router, state: SandboxState, mod: PlatformModule): void {
  for (const [method, pattern, handler] of mod.routes) {
    const routeKey = `${method} ${pattern}`;
    router.add(method, pattern, async (req, res) => {
      state.stats.count(mod.platform, routeKey);
      const fault = state.faults.take(mod.platform);
      if (fault === 'down') return res.destroy();
      if (fault === 'garbage') return res.status(200).html(GARBAGE_HTML);
      if (fault === 'error500') return res.status(500).html('<html><body><h1>500 Internal Server Error</h1></body></html>');
      const app = mod.callerApp(req) ?? 'anonymous';
      const take = state.limiter.take(mod.platform, app);
      if (!take.ok) {
        state.stats.countRateLimited();
        return mod.rateLimited(req, res, take.retryAfterSeconds);
      }
      await handler(req, res);
    });
  }
}

/** Which platform a path belongs to (for 404s under a platform prefix). */
export function platformOfPath(path: string): Platform | null {
  if (path === '/gettoken' || path.startsWith('/topapi/') || path.startsWith('/v1.0/')) return 'dingtalk';
  if (path.startsWith('/cgi-bin/')) return 'wecom';
  if (path.startsWith('/open-apis/')) return 'feishu';
  return null;
}

/** Integer parameter as the platforms read them: numbers or numeric strings; undefined when absent. */
export function intParam(v: unknown): number | undefined | 'invalid' {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isInteger(n) ? n : 'invalid';
}
