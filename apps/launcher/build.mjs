// Builds each workspace part only when its sources are newer than its last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

const MINI_INPUTS = ['miniprogram/src', 'miniprogram/config', 'miniprogram/babel.config.js', 'miniprogram/package.json', 'packages/shared/src'];

/** Parts in build order. `inputs` are watched for changes; `stamp` marks the last successful build. */
export const PARTS = [
  { name: 'shared', filter: '@hrlink/shared', script: 'build', inputs: ['packages/shared/src'], out: 'packages/shared/dist' },
  { name: 'connectors', filter: '@hrlink/connectors', script: 'build', inputs: ['packages/connectors/src', 'packages/shared/src'], out: 'packages/connectors/dist' },
  { name: 'sandbox', filter: '@hrlink/sandbox', script: 'build', inputs: ['apps/sandbox/src'], out: 'apps/sandbox/dist' },
  { name: 'server', filter: '@hrlink/server', script: 'build', inputs: ['server/src', 'packages/connectors/src', 'packages/shared/src'], out: 'server/dist' },
  { name: 'admin', filter: '@hrlink/admin', script: 'build', inputs: ['apps/admin/src', 'apps/admin/index.html', 'packages/shared/src'], out: 'apps/admin/dist' },
  { name: 'h5', filter: '@hrlink/miniprogram', script: 'build:h5', inputs: MINI_INPUTS, out: 'miniprogram/dist/h5' },
];

/** The mini-program builds for the three hosts: not needed by `pnpm start`, built by CI and the e2e run. */
export const MINI_PARTS = ['dd', 'qywx', 'lark'].map((type) => ({
  name: type,
  filter: '@hrlink/miniprogram',
  script: `build:${type}`,
  inputs: MINI_INPUTS,
  out: `miniprogram/dist/${type}`,
}));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

// Stamps live outside the build output (a mini-program's dist is uploaded as is).
const STAMP_DIR = join(ROOT, 'node_modules/.cache/hrlink-build');

function stampPath(part) {
  return join(STAMP_DIR, `${part.name}.stamp`);
}

export function isStale(part) {
  const stamp = stampPath(part);
  if (!existsSync(stamp) || !existsSync(join(ROOT, part.out))) return true;
  const built = statSync(stamp).mtimeMs;
  return part.inputs.some((input) => newestMtime(join(ROOT, input)) > built);
}

export function buildStale({ log = console.log, parts = PARTS } = {}) {
  for (const part of parts) {
    if (!isStale(part)) {
      log(`[build] ${part.name}: up to date`);
      continue;
    }
    log(`[build] ${part.name}: building …`);
    const started = Date.now();
    const res = spawnSync('pnpm', ['--filter', part.filter, 'run', part.script], { cwd: ROOT, stdio: 'inherit' });
    if (res.status !== 0) {
      throw new Error(`build of ${part.name} failed (exit ${res.status}); see the output above`);
    }
    mkdirSync(STAMP_DIR, { recursive: true });
    writeFileSync(stampPath(part), new Date().toISOString());
    log(`[build] ${part.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
