#!/usr/bin/env node
// Org-sync benchmark: a sandbox with a large org behind a rate limit, a full sync of each
// bound platform, elapsed time beside the lower bound (calls ÷ allowed rate), then a second
// no-change sync and the rows it wrote (should be 0).
//
//   node bench/org-sync/run.mjs [--members 20000] [--departments 1000] [--rate 20]
//
// Needs built sandbox and server (`pnpm start` once, or `pnpm build`). Uses a throw-away
// SQLite file unless DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('../../', import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '20000' },
    departments: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '20' },
    platforms: { type: 'string', default: 'dingtalk,wecom,feishu' },
  },
});
const rate = Number(args.rate);
const platforms = args.platforms.split(',');

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const children = [];
function start(name, file, argv, env, readyText) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...argv], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const onData = (c) => {
      out += c.toString();
      if (readyText && out.includes(readyText)) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${out.slice(-3000)}`)));
    if (!readyText) resolve(child);
  });
}
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stopAll);

async function json(url, init) {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(200);
  }
  throw new Error(`${url} never became healthy`);
}

async function main() {
  const sandboxPort = await freePort();
  const port = await freePort();
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const api = `http://127.0.0.1:${port}/api`;
  const t0 = Date.now();
  await start('sandbox', join(ROOT, 'apps/sandbox/dist/main.js'),
    ['--port', String(sandboxPort), '--members', args.members, '--departments', args.departments, '--rate-limit', String(rate)],
    {}, 'SANDBOX_LISTENING');
  console.log(`sandbox: ${args.members} members in ${args.departments} departments, ${rate} requests/s per platform (ready in ${Date.now() - t0} ms)`);

  const dataDir = mkdtempSync(join(tmpdir(), 'hrlink-bench-'));
  await start('server', join(ROOT, 'server/dist/main.js'), [], {
    PORT: String(port), HOST: '127.0.0.1', DEMO_SEED: '1', SYNC_ON_STARTUP: '0', PLATFORM_MAX_RPS: String(rate),
    SQLITE_PATH: join(dataDir, 'bench.sqlite'), LOG_LEVEL: 'warn',
    DINGTALK_OAPI_BASE: sandboxUrl, DINGTALK_API_BASE: sandboxUrl, WECOM_API_BASE: sandboxUrl, FEISHU_API_BASE: sandboxUrl,
  });
  await waitHealthy(`${api}/health`);

  const { accessToken } = await json(`${api}/auth/admin-login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr', password: 'hrlink2026' }),
  });
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const bindings = await json(`${api}/integrations/bindings`, { headers: auth });

  async function syncOnce(binding) {
    const before = await json(`${sandboxUrl}/__sandbox/api/stats`);
    const started = Date.now();
    let run = await json(`${api}/integrations/bindings/${binding.id}/sync`, { method: 'POST', headers: auth });
    while (run.status === 'running') {
      await sleep(500);
      run = await json(`${api}/integrations/sync-runs/${run.id}`, { headers: auth });
    }
    const after = await json(`${sandboxUrl}/__sandbox/api/stats`);
    const calls = (after.byPlatform?.[binding.platform] ?? 0) - (before.byPlatform?.[binding.platform] ?? 0);
    const limited = (after.rateLimited ?? 0) - (before.rateLimited ?? 0);
    return { run, calls, limited, elapsed: (Date.now() - started) / 1000 };
  }

  // Org source first (it creates the employees the others link to), then the others one by one.
  const ordered = [...bindings].sort((a, b) => Number(b.isOrgSource) - Number(a.isOrgSource)).filter((b) => platforms.includes(b.platform));
  const rows = [];
  for (const binding of ordered) {
    const first = await syncOnce(binding);
    const second = await syncOnce(binding);
    // Lower bound: the successful calls at the allowed rate (refused calls are the client's waste).
    const bound = (first.calls - first.limited) / rate;
    rows.push({
      platform: binding.platform + (binding.isOrgSource ? ' (org source)' : ''),
      status: first.run.status,
      'members seen': first.run.membersSeen,
      calls: first.calls,
      '429/limit answers': first.limited,
      'elapsed s': first.elapsed.toFixed(1),
      'lower bound s': bound.toFixed(1),
      ratio: (first.elapsed / bound).toFixed(2),
      'created / linked': binding.isOrgSource ? first.run.employeesCreated : first.run.identitiesLinked,
      '2nd sync rows written': second.run.rowsWritten,
      '2nd sync s': second.elapsed.toFixed(1),
    });
    if (first.run.errors?.length) console.log(`${binding.platform} errors:`, first.run.errors.slice(0, 3));
  }
  console.table(rows);
  stopAll();
  process.exit(0);
}

main().catch((err) => {
  console.error(err.message);
  stopAll();
  process.exit(1);
});
