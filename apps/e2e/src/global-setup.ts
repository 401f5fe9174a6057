import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

const ROOT = join(__dirname, '../../..');
export const STATE_FILE = join(tmpdir(), 'hrlink-e2e-state.json');

/**
 * Starts the real product with the launcher (`pnpm start`'s script): sandbox + server + admin + H5,
 * on free ports, with demo data in a throw-away SQLite file (or DATABASE_URL when set).
 */
export default async function globalSetup(): Promise<void> {
  // The dd / qywx / lark bundles, for mini-bundles.e2e.ts (the launcher builds the rest).
  const build = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', "const m = await import('./apps/launcher/build.mjs'); m.buildStale({ parts: m.MINI_PARTS });"],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('mini-program builds failed');
  const port = await freePort();
  const sandboxPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hrlink-e2e-'));
  const env = {
    ...process.env,
    PORT: String(port),
    SANDBOX_PORT: String(sandboxPort),
    SQLITE_PATH: join(dataDir, 'hrlink.sqlite'),
    HRLINK_DATA_DIR: dataDir,
  };
  const child = spawn(process.execPath, [join(ROOT, 'apps/launcher/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start within 10 min:\n${output.slice(-4000)}`)), 600_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HRLINK_READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  writeFileSync(
    STATE_FILE,
    JSON.stringify({ pid: child.pid, appUrl: `http://127.0.0.1:${port}`, sandboxUrl: `http://127.0.0.1:${sandboxPort}` }),
  );
  (globalThis as Record<string, unknown>).__HRLINK_LAUNCHER__ = child;
}
