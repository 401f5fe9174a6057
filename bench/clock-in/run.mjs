#!/usr/bin/env node
// Clock-in benchmark (issue 5). Against MariaDB/MySQL on this machine, same load generator, same run:
//   (1) raw baseline — a bare node:http server doing one mysql2 INSERT of the punch row shape per request;
//   (2) the real POST /api/attendance/punches on the built server (JWT auth + employee check, validation, geofence,
//       idempotency, insert, day result) for many employees logged in through sandbox auth codes;
// at fixed concurrency levels (closed loop, bounded by count and time): throughput, real/raw ratio, p50/p99.
// Then the morning burst: N distinct employees punching within S seconds (open loop) → stored == acknowledged, p99.
// Prints figures only; nothing here asserts timings.
//
//   pnpm bench:clock-in [-- --members 20200 --burst 10000 --pool 10000 --levels 8,32,64 --count 3000 --seconds 10 --rounds 3 --floor --burst-seconds 60]
//
// Needs built sandbox and server (`pnpm build`; `--build` runs the server build first). DATABASE_URL default
// mysql://root@127.0.0.1:3306/hrlink_bench (dropped and recreated; the name must contain "bench").
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { run, send, makeAgent } from './load.mjs';
import { fillHistory } from './history.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const require = createRequire(join(ROOT, 'server/package.json'));
const mysql = require('mysql2/promise');

const { values: args } = parseArgs({
  // `pnpm bench:clock-in -- --floor` hands the `--` on (pnpm 10): it is not an argument.
  args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--')),
  allowNegative: true, // --no-hr
  options: {
    members: { type: 'string', default: '20200' },
    departments: { type: 'string', default: '100' },
    burst: { type: 'string', default: '10000' },
    pool: { type: 'string', default: '10000' },
    levels: { type: 'string', default: '8,32,64' },
    count: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '10' },
    'burst-seconds': { type: 'string', default: '60' },
    'burst-in-flight': { type: 'string', default: '256' },
    build: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    // warm (default): before the measured runs every pool employee punches once, unmeasured — as in a company using
    // the product, whose people punched yesterday (the flags' previous punch is within the last days) and opened the
    // 打卡 page (which looks up their session and group) just before punching. --no-warm measures those first punches
    // too (each one reads further back for a previous punch, and its session and group); the morning burst is cold
    // either way.
    warm: { type: 'boolean', default: true },
    profile: { type: 'string' }, // a folder: the server writes a V8 CPU profile there when the bench stops it
    // morning: today a working day and the shift under way, so punches are provisional (no result writes) — the
    // morning queue at the door; evening: the shift is over, so every punch's day is final and the results writer
    // stores it too. Whatever the day and hour the bench runs at.
    day: { type: 'string', default: 'morning' },
    // HR's reads after the punches, timed: today's daily list (first page), anomalies, the month's report and its
    // Excel export over every member (the report is what payroll pulls at month end).
    hr: { type: 'boolean', default: true },
    // history (default): before the punches, every member's month so far (working days from the 1st to yesterday, in
    // and out) is written into attendance_punches, so HR's month reads meet the punches a company has by then.
    history: { type: 'boolean', default: true },
  },
});
const N = (k) => Number(args[k]);
const DB_URL = process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/hrlink_bench';
const SITE = { latitude: 31.2304, longitude: 121.4737 };
const RUN = Date.now().toString(36);

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
const children = [];
function start(name, file, argv, env, readyText, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, file, ...argv], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const onData = (c) => { out = (out + c.toString()).slice(-20000); if (readyText && out.includes(readyText)) resolve(child); };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}):\n${out.slice(-3000)}`)));
    if (!readyText) resolve(child);
  });
}
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
/** SIGTERM and wait (≤ 10 s) so the server can finish its shutdown (and write its CPU profile). */
const stopAndWait = () => Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => {
  c.once('exit', r); c.kill('SIGTERM'); setTimeout(r, 10_000).unref();
}))));
// A server stuck on its database pool does not finish a graceful shutdown: make sure nothing outlives the bench.
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function json(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}
async function waitHealthy(url) {
  for (let i = 0; i < 900; i++) {
    try { if ((await fetch(url)).ok) return; } catch {}
    await sleep(200);
  }
  throw new Error(`${url} never became healthy`);
}
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');

/** Small worker pool for set-up work (logins). */
async function pool(items, concurrency, fn) {
  let i = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (i < items.length) { const k = i++; await fn(items[k], k); } }));
}

/**
 * Today in the demo tenant's zone (Asia/Shanghai) and a shift that puts the bench where --day asks: under way
 * (started an hour ago) or over (ended half an hour ago). Near midnight either may not fit: the bench says so.
 */
function benchDay(day) {
  if (day !== 'morning' && day !== 'evening') throw new Error('--day is morning or evening');
  const local = new Date(Date.now() + 8 * 3600_000);
  const date = local.toISOString().slice(0, 10);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const hm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const floor5 = (m) => m - (m % 5);
  if (day === 'morning') {
    if (minutes > 23 * 60 + 30) throw new Error('--day morning needs 30 minutes before midnight (Asia/Shanghai): run it later');
    const start = floor5(Math.max(0, minutes - 60));
    return { date, shift: { start: hm(start), end: hm(Math.min(23 * 60 + 59, start + 9 * 60)) } };
  }
  if (minutes < 60) throw new Error('--day evening needs an hour after midnight (Asia/Shanghai): run it later');
  const end = floor5(minutes - 30);
  return { date, shift: { start: hm(Math.max(0, end - 9 * 60)), end: hm(end) } };
}

async function main() {
  const dbUrl = new URL(DB_URL);
  const dbName = dbUrl.pathname.slice(1);
  if (!/bench/i.test(dbName)) throw new Error(`refusing database "${dbName}": its name must contain "bench"`);
  const admin = await mysql.createConnection({ host: dbUrl.hostname, port: Number(dbUrl.port || 3306), user: decodeURIComponent(dbUrl.username), password: decodeURIComponent(dbUrl.password) });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const version = await (async () => { const c = await mysql.createConnection(DB_URL); const [[v]] = await c.query('SELECT VERSION() AS v'); await c.end(); return v.v; })();

  if (args.build) execFileSync('pnpm', ['--filter', '@hrlink/server', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const [sandboxPort, port, rawPort] = [await freePort(), await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const api = `http://127.0.0.1:${port}/api`;
  let t = Date.now();
  await start('sandbox', join(ROOT, 'apps/sandbox/dist/main.js'), ['--port', String(sandboxPort), '--members', args.members, '--departments', args.departments], {}, 'SANDBOX_LISTENING');
  console.log(`sandbox: ${args.members} members, ${args.departments} departments (${Date.now() - t} ms)`);

  t = Date.now();
  const serverProc = await start('server', join(ROOT, 'server/dist/main.js'), [], {
    PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', DATABASE_URL: DB_URL, DEMO_SEED: '1', SYNC_ON_STARTUP: '0', SYNC_SCHEDULE_ENABLED: '0',
    DISPATCHER_ENABLED: '0', APPROVAL_REMINDER_INTERVAL_SECONDS: '0', ATTENDANCE_CLOSE_INTERVAL_SECONDS: '0', LOG_LEVEL: 'warn', ACCESS_TOKEN_TTL_SECONDS: '86400',
    DINGTALK_OAPI_BASE: sandboxUrl, DINGTALK_API_BASE: sandboxUrl, WECOM_API_BASE: sandboxUrl, FEISHU_API_BASE: sandboxUrl,
    ADMIN_DIST: '/nonexistent', H5_DIST: '/nonexistent',
  }, undefined, args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : []);
  await waitHealthy(`${api}/health`);
  console.log(`server: healthy on ${version} (${Date.now() - t} ms, migrations included)`);

  const probe = await fetch(`${api}/attendance/punches`, { method: 'POST' });
  const hasPunches = probe.status !== 404;

  // The raw server's own table, same row shape as attendance_punches.
  const db = await mysql.createConnection(DB_URL);
  const RAW = 'bench_raw_punches';
  const [[like]] = await db.query(`SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'attendance_punches'`, [dbName]);
  if (Number(like.n)) await db.query(`CREATE TABLE \`${RAW}\` LIKE attendance_punches`);
  else {
    await db.query(`CREATE TABLE \`${RAW}\` (id varchar(36) PRIMARY KEY, tenantId varchar(36) NOT NULL, employeeId varchar(36) NOT NULL, date varchar(10) NOT NULL,
      at datetime(3) NOT NULL, kind varchar(4) NOT NULL, source varchar(12) NOT NULL, siteId varchar(36) NULL, siteName varchar(100) NULL, distanceMeters int NULL,
      latitude decimal(10,7) NULL, longitude decimal(10,7) NULL, accuracy decimal(12,3) NULL, wifi text NULL, flags text NOT NULL, remark varchar(500) NULL,
      photoFileIds text NOT NULL, deviceId varchar(128) NULL, idempotencyKey varchar(100) NOT NULL, createdAt datetime(3) NOT NULL, updatedAt datetime(3) NOT NULL,
      UNIQUE KEY uq_raw_key (tenantId, employeeId, idempotencyKey), KEY ix_raw_day (tenantId, employeeId, date), KEY ix_raw_date (tenantId, date))`);
  }
  const rawProc = await start('raw', join(ROOT, 'bench/clock-in/raw-server.mjs'), [String(rawPort), DB_URL, RAW], {}, 'RAW_LISTENING');
  const rawUrl = `http://127.0.0.1:${rawPort}/punches`;

  // Employees: sync the org source, an attendance group over the whole company with one site, logins via auth codes.
  let pool1 = [];
  let burstSet = [];
  const tokens = new Map();
  let hr = null;
  let benchToday = null;
  if (hasPunches) {
    ({ accessToken: hr } = await json(`${api}/auth/admin-login`, { method: 'POST', body: JSON.stringify({ username: 'hr', password: 'hrlink2026' }) }));
    const H = { authorization: `Bearer ${hr}` };
    const bindings = await json(`${api}/integrations/bindings`, { headers: H });
    const source = bindings.find((b) => b.isOrgSource) ?? bindings.find((b) => b.platform === 'dingtalk');
    t = Date.now();
    let runView = await json(`${api}/integrations/bindings/${source.id}/sync`, { method: 'POST', headers: H });
    while (runView.status === 'running') { await sleep(1000); runView = await json(`${api}/integrations/sync-runs/${runView.id}`, { headers: H }); }
    console.log(`sync ${source.platform}: ${runView.status}, ${runView.employeesCreated ?? runView.membersSeen} employees (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    const tree = await json(`${api}/org/departments`, { headers: H });
    const root = tree.find((d) => !d.parentId) ?? tree[0];
    const { date: today, shift } = benchDay(args.day);
    benchToday = today;
    const cal = await json(`${api}/admin/leave/calendar?year=${today.slice(0, 4)}`, { headers: H });
    // The view lists holidays, make-up days and overrides; any other day is a workday unless it is a weekend.
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    const kind = cal.days.find((d) => d.date === today)?.kind ?? (weekday === 0 || weekday === 6 ? 'restday' : 'workday');
    if (kind !== 'workday' && kind !== 'makeup_workday') {
      await json(`${api}/admin/leave/calendar/overrides`, { method: 'PUT', headers: H, body: JSON.stringify({ date: today, kind: 'makeup_workday', name: '基准测试' }) });
    }
    console.log(`day: ${args.day} — ${today} ${kind !== 'workday' && kind !== 'makeup_workday' ? `(a ${kind}, made a working day) ` : ''}shift ${shift.start}–${shift.end} (Asia/Shanghai), punches ${args.day === 'morning' ? 'provisional' : 'final: the results writer stores each day'}`);
    const group = await json(`${api}/admin/attendance/groups`, { method: 'POST', headers: H, body: JSON.stringify({
      // Counting from the 1st: HR's month report at the end reads (and first computes) every member's month so far.
      name: '基准考勤组', kind: 'fixed', effectiveFrom: `${today.slice(0, 8)}01`,
      shift: { ...shift, lunchStart: null, lunchEnd: null, graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 },
      free: null, departmentIds: [root.id], employeeIds: [], allowField: false, fieldRemarkRequired: false, fieldPhotoRequired: false,
      correction: { monthlyCap: 3, daysBack: 7, anomalies: ['missing', 'late', 'early'] },
    }) });
    const site = await json(`${api}/admin/attendance/groups/${group.id}/sites`, { method: 'POST', headers: H, body: JSON.stringify({
      name: '总部', address: '上海市黄浦区人民大道 200 号', ...SITE, radiusMeters: 300, wifi: [],
    }) });
    console.log(`attendance group ${group.id} over ${root.name} (${group.memberCount ?? '?'} members), site radius 300 m`);
    if (args.history) {
      t = Date.now();
      const [[{ tenantId }]] = await db.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [group.id]);
      const [employees] = await db.query('SELECT id, employeeNo FROM employees WHERE tenantId = ?', [tenantId]);
      const h = await fillHistory(db, { tenantId, employees, today, shift, site: { id: site.id, name: site.name, ...SITE } });
      // The raw server's table gets the same rows: both sides insert into a table of the same size and shape.
      await db.query(`INSERT INTO \`${RAW}\` SELECT * FROM attendance_punches`);
      console.log(`history: ${h.punches} punches of ${employees.length} people on ${h.days.length} working days (${h.days[0] ?? '-'}…${h.days[h.days.length - 1] ?? '-'}), copied into the raw server's table too (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }

    const total = N('members');
    const nos = Array.from({ length: total - 1 }, (_, i) => `E${String(i + 2).padStart(4, '0')}`); // E0001 (CEO) left out
    burstSet = nos.slice(0, Math.min(N('burst'), nos.length));
    if (nos.length < N('burst') + N('pool')) console.log(`note: ${nos.length} employees < burst + pool: the throughput pool overlaps the burst set`);
    pool1 = nos.slice(burstSet.length, burstSet.length + N('pool'));
    if (pool1.length < N('pool')) pool1 = nos.slice(0, N('pool')); // small orgs: the pool overlaps the burst set
    t = Date.now();
    let failed = 0;
    const agent = makeAgent(32);
    await pool([...new Set([...pool1, ...burstSet])], 24, async (no) => {
      // A dropped keep-alive connection (status 0) is tried once more; anything else counts as a failed log-in.
      const authCode = () => send(agent, `${sandboxUrl}/__sandbox/api/auth-codes`, { body: { platform: 'dingtalk', employeeNo: no, corp: 'demo' }, keepBody: true });
      let c = await authCode();
      if (c.status === 0) c = await authCode();
      if (c.status !== 200 && c.status !== 201) { failed++; return; }
      const { code, corpId } = JSON.parse(c.body);
      const r = await send(agent, `${api}/auth/login`, { body: { platform: 'dingtalk', code, corpId }, keepBody: true });
      if (r.status === 200) tokens.set(no, JSON.parse(r.body).accessToken); else failed++;
    });
    agent.destroy();
    console.log(`logged in ${tokens.size} employees through sandbox auth codes (${failed} failed, ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } else {
    console.log('POST /api/attendance/punches is not there yet (404): raw baseline only');
  }

  const jitter = (i) => ((i * 7919) % 200 - 100) / 1e6; // ≤ ~11 m around the site
  const body = (i, key, no) => ({ idempotencyKey: key, latitude: SITE.latitude + jitter(i), longitude: SITE.longitude + jitter(i + 1), accuracy: 20, deviceId: `bench-${no}` });
  const realReq = (prefix, list) => (i) => {
    const no = list[i % list.length];
    return { url: `${api}/attendance/punches`, headers: { authorization: `Bearer ${tokens.get(no)}` }, body: body(i, `${prefix}-${RUN}-${i}`, no) };
  };
  const poolOk = pool1.filter((no) => tokens.has(no));
  // The raw server inserts the row the real endpoint would for the same pool employee (their tenant and employee id),
  // so both sides write into the same places of tables of the same shape and size (a hot spot of one fake employee
  // would never leave the buffer pool).
  const rawWho = [];
  if (poolOk.length) {
    const [found] = await db.query(`SELECT tenantId, id, employeeNo FROM employees WHERE employeeNo IN (${poolOk.map(() => '?').join(', ')})`, poolOk);
    const byNo = new Map(found.map((e) => [e.employeeNo, e]));
    for (const no of poolOk) if (byNo.has(no)) rawWho.push({ tenantId: byNo.get(no).tenantId, employeeId: byNo.get(no).id, no });
  }
  const rawReq = (prefix) => (i) => {
    const who = rawWho.length ? rawWho[i % rawWho.length] : null;
    return { url: rawUrl, body: { ...body(i, `${prefix}-${RUN}-${i}`, who?.no ?? `R${i % 1000}`), ...(who ? { tenantId: who.tenantId, employeeId: who.employeeId } : {}) } };
  };
  // Each run goes on round-robin through the pool where the previous one stopped, so over every round and level each
  // employee punches a few times (defaults: ~45,000 punches by 10,000 people — in, out and a few updates in a day), not
  // the same first few thousand people a dozen times each (their day's punches, read and answered, would keep growing).
  let cursor = 0;
  const poolRun = async (prefix, opts) => {
    const from = cursor;
    const r = await run((i) => realReq(prefix, poolOk)(from + i), opts);
    cursor += r.requests;
    return r;
  };

  // Warm-up (JIT, pools; with --warm every pool employee's first punch), not reported. The raw server gets as many
  // requests as the first measured run makes: after 300 its first run still went ~35 % slower than its later ones,
  // which made the first round's ratio look better than it was.
  await run(rawReq('warm'), { concurrency: 8, count: N('count'), seconds: 10 });
  await run(rawReq('warm2'), { concurrency: 32, count: N('count'), seconds: 10 });
  if (hasPunches) {
    const n = args.warm ? poolOk.length : 300;
    const t0 = Date.now();
    const w = await poolRun('warm', { concurrency: args.warm ? 32 : 8, count: n, seconds: 300 });
    if (args.warm) console.log(`warm-up: ${w.ok} of ${poolOk.length} pool employees punched once, unmeasured (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }

  // Statements the database received per request (MariaDB's global `Questions`; other clients of the same server add noise).
  const questions = async () => Number((await db.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0][0].Value);
  // Pages InnoDB had to read from disk (not in the buffer pool) per request: a table outgrowing the pool shows here.
  const diskReads = async () => Number((await db.query("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_reads'"))[0][0].Value);
  // CPU time the serving process used (user + system, from /proc; Linux only) per request: robust to a busy machine.
  const cpuMs = (pid) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; } catch { return NaN; } };
  const mysqldPid = (() => { try { return Number(execFileSync('pidof', ['mariadbd']).toString().trim().split(' ')[0]) || Number(execFileSync('pidof', ['mysqld']).toString().trim().split(' ')[0]); } catch { return NaN; } })();
  // With --profile: when each measured run started and ended on the monotonic clock V8's profiler also uses, so
  // profile-summary.mjs can keep only the samples of one phase (e.g. the real runs, not the log-ins).
  const phases = [];
  const usNow = () => Number(process.hrtime.bigint() / 1000n);
  const measured = async (fn, proc, phase) => {
    const q0 = await questions(); const r0 = await diskReads(); const c0 = cpuMs(proc.pid); const d0 = cpuMs(mysqldPid); const l0 = process.cpuUsage();
    const from = usNow();
    const r = await fn();
    phases.push({ phase, from, to: usNow() });
    const n = Math.max(1, r.requests);
    r.queries = (await questions() - q0 - 2) / n;
    r.diskReads = (await diskReads() - r0) / n;
    r.cpuPerReq = (cpuMs(proc.pid) - c0) / n;
    r.dbCpuPerReq = (cpuMs(mysqldPid) - d0) / n;
    const l = process.cpuUsage(l0);
    r.loadCpuPerReq = (l.user + l.system) / 1000 / n;
    return r;
  };
  // Each level: `rounds` rounds of raw → real (→ floor), back to back, so a noisy moment of a shared machine hits
  // both sides; the table shows each figure's median over the rounds and the median of the rounds' ratios.
  const rows = [];
  const median = (xs) => { const v = xs.filter(Number.isFinite).sort((a, b) => a - b); return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN; };
  const floorReq = (c) => (i) => {
    const r = realReq(`floor${c}`, poolOk)(i);
    return { ...r, url: `${api}/attendance/check`, body: { latitude: r.body.latitude, longitude: r.body.longitude, accuracy: r.body.accuracy } };
  };
  for (const c of args.levels.split(',').map(Number)) {
    const opts = { concurrency: c, count: N('count'), seconds: N('seconds') };
    const rounds = [];
    for (let k = 0; k < N('rounds'); k++) {
      const raw = await measured(() => run(rawReq(`raw${c}-${k}`), opts), rawProc, 'raw');
      const real = hasPunches ? await measured(() => poolRun(`real${c}-${k}`, opts), serverProc, 'real') : null;
      // --floor: the same requests to POST /attendance/check (auth, validation, geofence, no database when warm) —
      // what the framework alone costs per request, for reading the real figures.
      const floor = hasPunches && args.floor ? await measured(() => run(floorReq(c), opts), serverProc, 'floor') : null;
      rounds.push({ raw, real, floor });
    }
    const m = (pick) => median(rounds.map(pick));
    const bad = (x) => (x ? x.requests - x.ok : 0);
    rows.push({
      concurrency: c,
      'raw req/s': fmt(m((r) => r.raw.rps)), 'raw p50 ms': fmt(m((r) => r.raw.p50)), 'raw p99 ms': fmt(m((r) => r.raw.p99)),
      'real req/s': hasPunches ? fmt(m((r) => r.real.rps)) : '—', 'real p50 ms': hasPunches ? fmt(m((r) => r.real.p50)) : '—', 'real p99 ms': hasPunches ? fmt(m((r) => r.real.p99)) : '—',
      'real/raw': hasPunches ? fmt(m((r) => r.real.rps / r.raw.rps), 2) : '—',
      'real/raw per round': hasPunches ? rounds.map((r) => fmt(r.real.rps / r.raw.rps, 2)).join(' ') : '—',
      'raw non-2xx': rounds.reduce((n, r) => n + bad(r.raw), 0), 'real non-2xx': rounds.reduce((n, r) => n + bad(r.real), 0),
      'SQL/req raw': fmt(m((r) => r.raw.queries)), 'SQL/req real': hasPunches ? fmt(m((r) => r.real.queries)) : '—',
      'disk reads/req raw': fmt(m((r) => r.raw.diskReads), 2), 'disk reads/req real': hasPunches ? fmt(m((r) => r.real.diskReads), 2) : '—',
      'CPU ms/req raw': fmt(m((r) => r.raw.cpuPerReq), 2), 'CPU ms/req real': hasPunches ? fmt(m((r) => r.real.cpuPerReq), 2) : '—',
      'DB CPU ms/req raw': fmt(m((r) => r.raw.dbCpuPerReq), 2), 'DB CPU ms/req real': hasPunches ? fmt(m((r) => r.real.dbCpuPerReq), 2) : '—',
      'load gen CPU ms/req': fmt(m((r) => r.raw.loadCpuPerReq), 2),
      ...(args.floor && hasPunches ? { 'floor req/s': fmt(m((r) => r.floor.rps)), 'CPU ms/req floor': fmt(m((r) => r.floor.cpuPerReq), 2), 'floor non-2xx': rounds.reduce((n, r) => n + bad(r.floor), 0) } : {}),
    });
    const odd = rounds.filter((r) => r.real && r.real.requests !== r.real.ok);
    if (odd.length) console.log(`concurrency ${c}: real statuses ${odd.map((r) => JSON.stringify(r.real.statuses)).join(' ')}`);
  }
  console.log(`\nthroughput (closed loop, ≤ ${args.count} requests or ${args.seconds} s per run, median of ${args.rounds} rounds; real = ${poolOk.length} employees round-robin)`);
  console.table(rows);
  if (args.profile) { mkdirSync(args.profile, { recursive: true }); writeFileSync(join(args.profile, 'phases.json'), JSON.stringify(phases)); }

  if (hasPunches && N('burst') > 0) {
    const list = burstSet.filter((no) => tokens.has(no));
    const seconds = N('burst-seconds');
    const prefix = `burst-${RUN}`;
    console.log(`\nmorning burst: ${list.length} distinct employees, one punch each, paced over ${seconds} s (open loop, ≤ ${args['burst-in-flight']} in flight)`);
    const burst = await run((k) => ({ ...realReq('x', list)(k), body: body(k, `${prefix}-${k}`, list[k]) }),
      { ratePerSecond: list.length / seconds, count: list.length, maxInFlight: N('burst-in-flight'), seconds: seconds * 10 });
    const [[stored]] = await db.query('SELECT COUNT(*) AS n FROM attendance_punches WHERE idempotencyKey LIKE ?', [`${prefix}-%`]);
    const [[people]] = await db.query('SELECT COUNT(DISTINCT employeeId) AS n FROM attendance_punches WHERE idempotencyKey LIKE ?', [`${prefix}-%`]);
    console.table([{
      employees: list.length, 'acknowledged 2xx': burst.ok, 'stored rows': Number(stored.n), 'distinct employees stored': Number(people.n),
      'stored == acknowledged': Number(stored.n) === burst.ok, 'elapsed s': fmt(burst.seconds), 'req/s': fmt(burst.rps),
      'p50 ms': fmt(burst.p50), 'p99 ms': fmt(burst.p99), 'max ms': fmt(burst.max), statuses: JSON.stringify(burst.statuses),
    }]);
  }
  if (hasPunches && args.hr) await hrReads(api, hr, benchToday, db);
  await db.end();
  await stopAndWait();
  process.exit(0);
}

/** HR's list and report reads over every member, each timed once (cold: the first read computes and stores the days). */
async function hrReads(api, token, today, db) {
  const H = { authorization: `Bearer ${token}` };
  const month = today.slice(0, 7);
  const timed = async (name, url, read = (r) => r.json()) => {
    const t = performance.now();
    const res = await fetch(`${api}${url}`, { headers: H });
    const body = await read(res);
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return { read: name, ms: Math.round(ms), rows: Array.isArray(body) ? body.length : body.total ?? `${body.byteLength} bytes` };
  };
  const rows = [];
  rows.push(await timed('daily, today, page 1', `/admin/attendance/daily?from=${today}&to=${today}&page=1&pageSize=20`));
  rows.push(await timed('daily, today, page 2', `/admin/attendance/daily?from=${today}&to=${today}&page=2&pageSize=20`));
  rows.push(await timed('anomalies, today', `/admin/attendance/anomalies?from=${today}&to=${today}&pageSize=20`));
  // The month's first read computes and stores every day nobody has read (in the product ResultsCloser stores each
  // day after it ends, so HR meets the stored case below); every later read reads stored days.
  rows.push(await timed('daily, month so far, page 1 (first read: computes the days)', `/admin/attendance/daily?from=${month}-01&to=${today}&page=1&pageSize=20`));
  rows.push(await timed('daily, month so far, page 1 (days stored)', `/admin/attendance/daily?from=${month}-01&to=${today}&page=1&pageSize=20`));
  rows.push(await timed(`monthly report ${month}`, `/admin/attendance/report?month=${month}`));
  rows.push(await timed(`monthly report ${month} (again)`, `/admin/attendance/report?month=${month}`));
  rows.push(await timed('monthly report export (xlsx)', `/admin/attendance/report/export?month=${month}`, async (r) => new Uint8Array(await r.arrayBuffer())));
  // The results table outgrows MariaDB's default 128 MB buffer pool at ~20,000 people × a month: reads then wait for
  // the disk, so the pool size is printed with the figures.
  const [[pool]] = await db.query('SELECT @@innodb_buffer_pool_size AS bytes');
  console.log(`\nHR reads (${month}; the group counts from ${month}-01, today is ${today}; innodb_buffer_pool_size ${Math.round(Number(pool.bytes) / 2 ** 20)} MB)`);
  console.table(rows);
}

main().catch((err) => {
  console.error(err.stack ?? err.message);
  stopAll();
  process.exit(1);
});
