import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mountControl } from './control';
import { mountInboxControl } from './control-inbox';
import { readRequest, Res, Router } from './core/http';
import { mountPlatform, platformOfPath } from './core/platform-route';
import { dingtalkModule, dingtalkNotFound } from './platforms/dingtalk';
import { dingtalkMessagingModule } from './platforms/dingtalk-messaging';
import { feishuMessagingModule } from './platforms/feishu-messaging';
import { wecomMessagingModule } from './platforms/wecom-messaging';
import { feishuModule, feishuNotFound } from './platforms/feishu';
import { wecomModule, wecomNotFound } from './platforms/wecom';
import { SandboxState, type SandboxOptions } from './state';

export interface StartOptions extends SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
}

export interface RunningSandbox {
  url: string;
  port: number;
  state: SandboxState;
  close(): Promise<void>;
}

/** public/ sits next to src/ and dist/, so this works from both. */
const PUBLIC_DIR = join(__dirname, '..', 'public');

function staticFile(name: string, type: string) {
  let cached: string | undefined;
  return (_req: unknown, res: Res) => {
    cached ??= readFileSync(join(PUBLIC_DIR, name), 'utf8');
    res.send(cached, type);
  };
}

export function createSandboxServer(state: SandboxState): Server {
  const router = new Router();
  mountControl(router, state);
  mountPlatform(router, state, dingtalkModule(state));
  mountPlatform(router, state, wecomModule(state));
  mountPlatform(router, state, feishuModule(state));
  mountInboxControl(router, state);
  mountPlatform(router, state, dingtalkMessagingModule(state));
  mountPlatform(router, state, wecomMessagingModule(state));
  mountPlatform(router, state, feishuMessagingModule(state));
  router.get('/', staticFile('index.html', 'text/html; charset=utf-8'));
  router.get('/phone.js', staticFile('phone.js', 'application/javascript; charset=utf-8'));
  router.get('/inbox.js', staticFile('inbox.js', 'application/javascript; charset=utf-8'));
  router.get('/phone.css', staticFile('phone.css', 'text/css; charset=utf-8'));
  router.get('/__sandbox/config', (_req, res) => res.json({ h5Url: state.h5Url }));
  router.get('/healthz', (_req, res) => res.json({ ok: true }));

  return createServer(async (raw, out) => {
    const res = new Res(out);
    try {
      const req = await readRequest(raw);
      if (req.path.startsWith('/__sandbox/')) {
        // The control API may be driven from other local origins (H5 app, e2e pages).
        res.header('access-control-allow-origin', '*');
        if (req.method === 'OPTIONS') {
          out.writeHead(204, {
            'access-control-allow-origin': '*',
            'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
            'access-control-allow-headers': 'content-type',
          });
          out.end();
          return;
        }
      }
      const m = router.match(req.method, req.path);
      if ('handler' in m) {
        req.params = m.params;
        await m.handler(req, res);
        return;
      }
      const platform = platformOfPath(req.path);
      if (platform === 'dingtalk') return dingtalkNotFound(req, res);
      if (platform === 'wecom') return wecomNotFound(req, res);
      if (platform === 'feishu') return feishuNotFound(req, res);
      res.status(m.pathMatched ? 405 : 404).json({ code: 'NOT_FOUND', message: `${req.method} ${req.path}` });
    } catch (err) {
      res.status(500).json({ code: 'SANDBOX_ERROR', message: (err as Error).message });
    }
  });
}

/** Starts the sandbox in this process. */
export async function startSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  const state = new SandboxState(opts);
  const server = createSandboxServer(state);
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
