import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SpawnOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  members?: number;
  departments?: number;
  rateLimit?: number | null;
  h5Url?: string;
  /** ms to wait for SANDBOX_LISTENING. Default 30000. */
  timeoutMs?: number;
  /** Use src/main.ts through tsx even when dist/main.js exists. */
  fromSource?: boolean;
}

export interface SpawnedSandbox {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const APP_DIR = join(__dirname, '..');

/** tsx's ESM loader, resolved from this package or the workspace root. */
function tsxLoaderUrl(): string {
  const pkg = require.resolve('tsx/package.json', { paths: [APP_DIR, join(APP_DIR, '..', '..')] });
  return pathToFileURL(join(pkg, '..', 'dist', 'loader.mjs')).href;
}

/**
 * Starts the sandbox as a REAL child process (dist/main.js when built, else src/main.ts through tsx) and
 * resolves once it prints `SANDBOX_LISTENING <url>`.
 */
export function spawnSandbox(opts: SpawnOptions = {}): Promise<SpawnedSandbox> {
  const dist = join(APP_DIR, 'dist', 'main.js');
  const useDist = !opts.fromSource && existsSync(dist) && __filename.endsWith('.js');
  const args = useDist ? [dist] : ['--import', tsxLoaderUrl(), join(APP_DIR, 'src', 'main.ts')];
  args.push('--port', String(opts.port ?? 0));
  if (opts.host) args.push('--host', opts.host);
  if (opts.members) args.push('--members', String(opts.members));
  if (opts.departments) args.push('--departments', String(opts.departments));
  if (opts.rateLimit) args.push('--rate-limit', String(opts.rateLimit));
  if (opts.h5Url) args.push('--h5-url', opts.h5Url);

  const env = { ...process.env };
  for (const k of ['SANDBOX_PORT', 'SANDBOX_MEMBERS', 'SANDBOX_DEPARTMENTS', 'SANDBOX_RATE_LIMIT']) delete env[k];
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });

  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sandbox did not start within ${opts.timeoutMs ?? 30000} ms\n${err}`));
    }, opts.timeoutMs ?? 30000);
    child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with ${code} before listening\n${err}`));
    });
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /SANDBOX_LISTENING (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.stderr!.resume();
      const url = m[1];
      resolve({
        url,
        port: Number(new URL(url).port),
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
