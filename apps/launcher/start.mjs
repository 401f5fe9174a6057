#!/usr/bin/env node
// `pnpm start`: build what is stale, start the platform sandbox and the server (which serves
// the admin at /admin and the H5 mini-program at /h5) with demo data in an SQLite file.
// Env: PORT (3000), SANDBOX_PORT (3001), HOST (127.0.0.1), SQLITE_PATH, DATABASE_URL, HRLINK_SKIP_BUILD=1.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, buildStale } from './build.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT || 3001);
const apiUrl = `http://${host}:${port}`;
const h5Url = `${apiUrl}/h5/`;
const children = [];

function run(name, args, env, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let ready = false;
    const onData = (stream) => (chunk) => {
      const text = chunk.toString();
      stream.write(text.split('\n').filter(Boolean).map((l) => `[${name}] ${l}\n`).join(''));
      if (!ready && readyPattern.test(text)) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('exit', (code, signal) => {
      if (shuttingDown) return;
      if (!startedUp) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
      else {
        console.error(`[launcher] ${name} exited (code ${code}); stopping everything`);
        shutdown(1);
      }
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

let shuttingDown = false;
let startedUp = false;
function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/** The demo admin's API session (the launcher acts as an HR person setting up the demo). */
async function adminApi() {
  const login = await fetch(`${apiUrl}/api/auth/admin-login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.HRLINK_ADMIN_USER || 'admin', password: process.env.HRLINK_ADMIN_PASSWORD || 'hrlink2026' }),
  });
  if (!login.ok) throw new Error(`admin login failed (${login.status}): ${await login.text()}`);
  const { accessToken } = await login.json();
  return async (path) => {
    const res = await fetch(`${apiUrl}/api${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) throw new Error(`GET /api${path} failed (${res.status})`);
    return res.json();
  };
}

/**
 * Like an HR person pasting each binding's callback URL into the platform's developer console: register
 * `${apiUrl}/api${callbackPath}` with the sandbox (which runs the URL verification).
 * Failures are printed; the stack keeps running (cards are still delivered, button presses are not).
 */
async function registerCallbacks(sandboxUrl, bindings) {
  for (const b of bindings) {
    const url = `${apiUrl}/api${b.callbackPath}`;
    const put = await fetch(`${sandboxUrl}/__sandbox/api/callbacks`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ corp: 'demo', platform: b.platform, url }),
    });
    const out = await put.json().catch(() => ({}));
    if (put.ok && out.ok) console.log(`[launcher] ${b.platform} callback URL registered: ${url}`);
    else console.error(`[launcher] CALLBACK REGISTRATION FAILED for ${b.platform} (${url}): ${out.error || out.message || put.status}`);
  }
}

/** Waits (up to 3 min) until no binding is still on its first sync, so demo log-ins work at once. */
async function waitForFirstSync(get) {
  const deadline = Date.now() + 180_000;
  let said = false;
  while (Date.now() < deadline) {
    const bindings = await get('/integrations/bindings');
    const waiting = bindings.filter((b) => b.enabled && (!b.lastSyncStatus || b.lastSyncStatus === 'running'));
    if (waiting.length === 0) return;
    if (!said) console.log(`[launcher] waiting for the first org sync (${waiting.map((b) => b.platform).join(', ')}) …`);
    said = true;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error('[launcher] the first org sync has not finished after 3 min; see 集成设置 in the admin');
}

async function setUpDemo(sandboxUrl) {
  try {
    const get = await adminApi();
    await registerCallbacks(sandboxUrl, await get('/integrations/bindings'));
    await waitForFirstSync(get);
  } catch (err) {
    console.error(`[launcher] DEMO SET-UP FAILED: ${err.message} — card buttons may not reach the server`);
  }
}

async function main() {
  if (process.env.HRLINK_SKIP_BUILD !== '1') buildStale();

  const sandboxUrl = `http://${host}:${sandboxPort}`;
  await run('sandbox', [join(ROOT, 'apps/sandbox/dist/main.js'), '--port', String(sandboxPort), '--host', host], { HRLINK_H5_URL: h5Url }, /SANDBOX_LISTENING/);

  const serverEnv = {
    PORT: String(port),
    HOST: host,
    DEMO_SEED: process.env.DEMO_SEED ?? '1',
    DINGTALK_OAPI_BASE: process.env.DINGTALK_OAPI_BASE || sandboxUrl,
    DINGTALK_API_BASE: process.env.DINGTALK_API_BASE || sandboxUrl,
    WECOM_API_BASE: process.env.WECOM_API_BASE || sandboxUrl,
    FEISHU_API_BASE: process.env.FEISHU_API_BASE || sandboxUrl,
    HRLINK_H5_URL: h5Url,
    // Links in work notices and cards point at this server's H5 build.
    PUBLIC_URL: process.env.PUBLIC_URL || apiUrl,
  };
  // The server is ready when its health endpoint answers; an early exit rejects first.
  const server = run('server', [join(ROOT, 'server/dist/main.js')], serverEnv, /a^/);
  await Promise.race([server, waitForHealth(`${apiUrl}/api/health`, 90_000)]);
  startedUp = true;
  if (serverEnv.DEMO_SEED === '1') await setUpDemo(sandboxUrl);

  console.log(`
hrlink is running (data: ${process.env.DATABASE_URL ? 'MySQL' : process.env.SQLITE_PATH || 'data/hrlink.sqlite'})

  API            ${apiUrl}/api          (health: ${apiUrl}/api/health, OpenAPI: ${apiUrl}/api/docs)
  HR admin       ${apiUrl}/admin/       log in as  hr / hrlink2026   (or admin / hrlink2026)
  Mini-program   ${h5Url}             (open it from the sandbox phone page)
  Sandbox phone  ${sandboxUrl}/         pick 钉钉 / 企业微信 / 飞书, a demo employee, then 打开 hrlink

HRLINK_READY
Press Ctrl+C to stop.`);
}

main().catch((err) => {
  console.error(`[launcher] ${err.message}`);
  shutdown(1);
});
