#!/usr/bin/env node
/**
 * Smoke test of a built mini-program (dist/dd | dist/qywx | dist/lark) without the host IDE:
 * loads the real bundle (app.js + page chunks) in a Node vm with a fake host global
 * (my/dd, wx, tt) whose login API returns a code and whose request API does real HTTP, then
 * drives App.onLaunch and Page.onLoad and reads what the pages pass to setData.
 *
 *   node scripts/mini-smoke.mjs <dd|qywx|lark> [--api http://127.0.0.1:3000/api]
 *        [--sandbox http://127.0.0.1:3001] [--employee E0001] [--approval <instanceId>]
 *
 * --api       rewrites the API base baked into the bundle (HRLINK_API_BASE) to this one.
 * --sandbox   the fake host's login API asks the sandbox for a real auth code
 *             (POST /__sandbox/api/auth-codes) for --employee of corp "demo"; without it the
 *             code is "SMOKE-<type>".
 * --approval instead cold-starts the app on pages/approvals/detail?id=<id> (no landing, no session),
 *             as a notice / card deep link does: the page must log in through the host API by itself
 *             and render the instance's status (the sub-package loads and ensureLogin works on that host).
 * --location lat,lng[,acc] | denied   what the fake host getLocation answers (default 31.2304,121.4737,20).
 * --page <route> [--expect <regex>] cold-starts on any page (e.g. pages/leave/balances, a sub-package
 *             page) with no session, like --approval, and waits until what the page renders matches
 *             --expect (default: anything rendered and the page's first API call answered 2xx).
 * --redirect <path> opens landing with ?redirect=<path> (a card opening `pages/landing/index?redirect=…`)
 *             and expects landing to go there after log-in instead of home.
 * --tap <class> with --page: after the page rendered, taps the first rendered element with that class (through the
 *             page's Taro event handler, as the host does) and prints the host API calls it made, e.g.
 *             `--page pages/attendance/list --expect map-link --tap map-link` → `openLocation {"latitude":…}`.
 *             The fake host's openLocation succeeds (`--open-location fail` makes it fail with "cancel").
 * It proves the bundle boots, the multi-end auth file for that host is the one that runs,
 * the request adapter reaches the API, and the landing → home flow renders the greeting.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import vm from 'node:vm';

const [type, ...rest] = process.argv.slice(2);
const opt = (name) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const apiBase = opt('api');
const sandboxUrl = opt('sandbox');
const locationOpt = opt('location');
const employeeNo = opt('employee') || 'E0001';
const approvalId = opt('approval');
const redirectTo = opt('redirect');
const pageRoute = opt('page');
const expectText = opt('expect');
const tapClass = opt('tap');
const openLocationOpt = opt('open-location');
if (!['dd', 'qywx', 'lark'].includes(type)) {
  console.error('usage: mini-smoke.mjs <dd|qywx|lark> [--api URL] [--sandbox URL] [--employee E0001]');
  process.exit(2);
}
const PLATFORM = { dd: 'dingtalk', qywx: 'wecom', lark: 'feishu' }[type];

/** A code the fake host hands out: a real one from the sandbox, or a fixed marker. */
async function hostCode() {
  if (!sandboxUrl) return `SMOKE-${type}`;
  const res = await fetch(`${sandboxUrl}/__sandbox/api/auth-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ platform: PLATFORM, corp: 'demo', employeeNo }),
  });
  if (!res.ok) throw new Error(`sandbox auth-codes: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).code;
}

function rewrite(url) {
  return apiBase ? url.replace(/^https?:\/\/[^/]+\/api(?=\/|$|\?)/, apiBase) : url;
}
const root = new URL(`../dist/${type}/`, import.meta.url).pathname;

const calls = [];
const storage = new Map();
let appConfig = null;
const pages = new Map();
const navigations = [];

function doRequest(opts, alipayStyle) {
  const headers = { ...(opts.header || {}), ...(opts.headers || {}) };
  const body = opts.data === undefined ? undefined : typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
  const url = rewrite(opts.url);
  calls.push(`${opts.method || 'GET'} ${url}`);
  fetch(url, { method: opts.method || 'GET', headers, body })
    .then(async (res) => {
      const text = await res.text();
      let data = text;
      try {
        data = JSON.parse(text);
      } catch {}
      const out = alipayStyle
        ? { status: res.status, data, headers: Object.fromEntries(res.headers) }
        : { statusCode: res.status, data, header: Object.fromEntries(res.headers), errMsg: 'request:ok' };
      opts.success && opts.success(out);
      opts.complete && opts.complete(out);
    })
    .catch((err) => {
      const out = { errMsg: `request:fail ${err.message}`, errorMessage: err.message };
      opts.fail && opts.fail(out);
      opts.complete && opts.complete(out);
    });
  return { abort() {} };
}

function makeHost(alipayStyle) {
  const known = {
    canIUse: () => true,
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375 }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375 }),
    getLaunchOptionsSync: () => ({ query: {} }),
    request: (o) => doRequest(o, alipayStyle),
    httpRequest: (o) => doRequest(o, true),
    getStorageSync: (k) => (typeof k === 'object' ? { data: storage.get(k.key) } : storage.get(k) ?? ''),
    setStorageSync: (k, v) => (typeof k === 'object' ? storage.set(k.key, k.data) : storage.set(k, v)),
    removeStorageSync: (k) => storage.delete(typeof k === 'object' ? k.key : k),
    reLaunch: (o) => {
      navigations.push(o.url);
      o.success && o.success({});
    },
    redirectTo: (o) => {
      navigations.push(o.url);
      o.success && o.success({});
    },
    navigateTo: (o) => {
      navigations.push(o.url);
      o.success && o.success({});
    },
    nextTick: (fn) => setTimeout(fn, 0),
    // device (attendance pages): --location lat,lng[,accuracy] or --location denied; Wi-Fi: not connected
    getLocation: (o) => {
      const { success, fail, complete, ...args } = o;
      calls.push(`getLocation ${JSON.stringify(args)}`);
      if (locationOpt === 'denied') return fail && fail({ errMsg: 'getLocation:fail auth deny', error: 11, errorMessage: '用户拒绝授权' });
      const [latitude, longitude, accuracy] = (locationOpt || '31.2304,121.4737,20').split(',').map(Number);
      success && success({ latitude, longitude, accuracy: accuracy || 20, horizontalAccuracy: accuracy || 20, errMsg: 'getLocation:ok' });
    },
    // 查看地图: record the arguments; succeed, or fail as a cancel with --open-location fail
    openLocation: (o) => {
      const { success, fail, complete, ...args } = o;
      calls.push(`openLocation ${JSON.stringify(args)}`);
      if (openLocationOpt === 'fail') return fail && fail({ errMsg: 'openLocation:fail cancel', error: 11, errorMessage: '用户取消' });
      success && success({ errMsg: 'openLocation:ok' });
    },
    showToast: (o) => {
      calls.push(`showToast ${JSON.stringify({ title: o.title || o.content })}`);
      o.success && o.success({});
    },
    startWifi: (o) => o.success && o.success({ errMsg: 'startWifi:ok' }),
    getConnectedWifi: (o) => o.fail && o.fail({ errMsg: 'getConnectedWifi:fail wifi is disable', errCode: 12005 }),
    getWifiHotspotStatus: (o) => o.fail && o.fail({ error: 3, errorMessage: 'not supported' }),
    // host auth
    getAuthCode: (o) => {
      calls.push(`dd.getAuthCode corpId=${o.corpId}`);
      hostCode().then((code) => o.success({ authCode: code }), o.fail);
    },
    login: (o) => {
      calls.push('tt.login');
      hostCode().then((code) => o.success({ code }), o.fail);
    },
    qy: {
      login: (o) => {
        calls.push('wx.qy.login');
        hostCode().then((code) => o.success({ code }), o.fail);
      },
    },
  };
  const noop = () => {};
  return new Proxy(known, {
    get(t, k) {
      if (k in t) return t[k];
      if (typeof k === 'symbol') return undefined;
      if (k === 'webpackJsonp' || k.startsWith('taro')) return undefined; // runtime-owned slots (e.g. my.taroEventCenter)
      return noop;
    },
    set(t, k, v) {
      t[k] = v;
      return true;
    },
  });
}

const hostName = { dd: 'my', qywx: 'wx', lark: 'tt' }[type];
const host = makeHost(type === 'dd');
const sandbox = {
  console,
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  Promise,
  Date,
  Math,
  JSON,
  navigator: { userAgent: 'mini-smoke' },
  App: (cfg) => {
    appConfig = cfg;
  },
  Page: (cfg) => {
    pages.set(currentFile, cfg);
  },
  Component: (cfg) => {
    pages.set(currentFile, cfg);
  },
  getApp: () => appConfig,
  getCurrentPages: () => [],
  requirePlugin: () => ({}),
};
sandbox[hostName] = host;
if (type === 'dd') sandbox.dd = host; // DingTalk exposes both `my` and `dd`
if (type === 'qywx') sandbox.wx = host;
const context = vm.createContext(sandbox);
sandbox.globalThis = sandbox;

let currentFile = '';
const cache = new Map();
function load(file) {
  const full = resolve(file.endsWith('.js') ? file : `${file}.js`);
  if (cache.has(full)) return cache.get(full).exports;
  const module = { exports: {} };
  cache.set(full, module);
  const src = readFileSync(full, 'utf8');
  const fn = vm.runInContext(`(function (require, module, exports) {${src}\n})`, context, { filename: full });
  const prev = currentFile;
  currentFile = full;
  fn((p) => load(join(dirname(full), p)), module, module.exports);
  currentFile = prev;
  return module.exports;
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const setDataLog = [];

async function openPage(route, query) {
  const file = join(root, `${route}.js`);
  if (!existsSync(file)) throw new Error(`no ${file}`);
  load(file);
  const cfg = pages.get(resolve(file));
  if (!cfg) throw new Error(`${route}: Page() was not called`);
  const inst = Object.create(cfg);
  inst.route = route;
  inst.__route__ = route;
  inst.data = {};
  inst.setData = (data, cb) => {
    setDataLog.push({ route, data });
    cb && setTimeout(cb, 0);
  };
  inst.$spliceData = inst.setData;
  cfg.onLoad.call(inst, query || {});
  cfg.onShow && cfg.onShow.call(inst);
  cfg.onReady && cfg.onReady.call(inst);
  return inst;
}

function rendered(route) {
  return setDataLog
    .filter((e) => e.route === route)
    .map((e) => JSON.stringify(e.data))
    .join('\n');
}

async function main() {
  load(join(root, 'app.js'));
  if (!appConfig) throw new Error('App() was not called');
  if (pageRoute) {
    await coldStart(pageRoute.replace(/^\//, ''));
    console.log(`${type}: SMOKE OK`);
    return;
  }
  if (approvalId) {
    await deepLink(approvalId);
    console.log(`${type}: SMOKE OK`);
    return;
  }
  const launch = { query: type === 'dd' ? { corpId: 'dingdemo0001corp' } : {}, path: 'pages/landing/index' };
  appConfig.onLaunch && appConfig.onLaunch.call(appConfig, launch);
  appConfig.onShow && appConfig.onShow.call(appConfig, launch);

  if (redirectTo) {
    // Hosts hand page query values over URL-encoded.
    await openPage('pages/landing/index', { redirect: encodeURIComponent(redirectTo) });
    for (let i = 0; i < 50 && !navigations.length; i++) await wait(100);
    if (navigations[0] !== redirectTo) throw new Error(`landing went to ${JSON.stringify(navigations)}, not ${redirectTo}`);
    console.log(`${type}: landing?redirect → ${navigations[0]}`);
    console.log(`${type}: SMOKE OK`);
    return;
  }
  await openPage('pages/landing/index', {});
  for (let i = 0; i < 50 && !navigations.length; i++) await wait(100);
  const landing = rendered('pages/landing/index');
  if (!navigations.includes('/pages/home/index')) {
    throw new Error(`landing did not go home; calls=${JSON.stringify(calls)}; rendered=${landing.slice(0, 600)}`);
  }
  await openPage('pages/home/index', {});
  let home = '';
  for (let i = 0; i < 50; i++) {
    home = rendered('pages/home/index');
    if (/"(早上好|中午好|下午好|晚上好|夜深了)，[^"]+"/.test(home)) break;
    await wait(100);
  }
  const greeting = (home.match(/"(早上好|中午好|下午好|晚上好|夜深了)，([^"]+)"/) || [])[0];
  if (!greeting) throw new Error(`home shows no greeting; calls=${JSON.stringify(calls)}`);
  console.log(`${type}: host calls ${calls.filter((c) => !c.startsWith('GET') && !c.startsWith('POST')).join(', ')}`);
  console.log(`${type}: api calls ${calls.filter((c) => c.startsWith('GET') || c.startsWith('POST')).join(', ')}`);
  console.log(`${type}: home greeting ${greeting}; landing rendered ${landing.length} chars of setData`);
  console.log(`${type}: SMOKE OK`);
}

/** Cold start on the approval detail page with no session, as a notice deep link does. */
async function deepLink(id) {
  const query = type === 'dd' ? { id, corpId: 'dingdemo0001corp' } : { id };
  const launch = { query, path: 'pages/approvals/detail' };
  appConfig.onLaunch && appConfig.onLaunch.call(appConfig, launch);
  appConfig.onShow && appConfig.onShow.call(appConfig, launch);
  const before = calls.length;
  await openPage('pages/approvals/detail', query);
  const route = 'pages/approvals/detail';
  let out = '';
  for (let i = 0; i < 80; i++) {
    out = rendered(route);
    if (/"(审批中|已同意|已拒绝|已撤回)"/.test(out) || /approval-error/.test(out)) break;
    await wait(100);
  }
  const newCalls = calls.slice(before);
  const loggedIn = newCalls.some((c) => /\/auth\/login/.test(c)) && newCalls.some((c) => !c.startsWith('GET') && !c.startsWith('POST'));
  const status = (out.match(/"(审批中|已同意|已拒绝|已撤回)"/) || [])[1];
  if (!loggedIn) throw new Error(`detail page did not log in through the host; calls=${JSON.stringify(newCalls)}`);
  if (!status) throw new Error(`detail page shows no status; calls=${JSON.stringify(newCalls)}; rendered=${out.slice(0, 800)}`);
  console.log(`${type}: deep link pages/approvals/detail?id=${id} → ${newCalls.join(', ')}; status ${status}`);
}

/** Cold start on any page with no session: it must log in by itself and render `--expect`. */
async function coldStart(route) {
  const query = type === 'dd' ? { corpId: 'dingdemo0001corp' } : {};
  const launch = { query, path: route };
  appConfig.onLaunch && appConfig.onLaunch.call(appConfig, launch);
  appConfig.onShow && appConfig.onShow.call(appConfig, launch);
  const before = calls.length;
  const inst = await openPage(route, query);
  const re = expectText ? new RegExp(expectText) : null;
  let out = '';
  for (let i = 0; i < 100; i++) {
    out = rendered(route);
    const apiDone = calls.slice(before).some((c) => (c.startsWith('GET') || c.startsWith('POST')) && !/\/auth\//.test(c));
    if (re ? re.test(out) : apiDone && out.length > 0) break;
    await wait(100);
  }
  const newCalls = calls.slice(before);
  if (re && !re.test(out)) throw new Error(`${route} never rendered /${expectText}/; calls=${JSON.stringify(newCalls)}; rendered=${out.slice(0, 800)}`);
  console.log(`${type}: cold start ${route} → ${newCalls.join(', ')}; rendered ${out.length} chars${re ? `, matched /${expectText}/` : ''}`);
  if (tapClass) await tap(route, inst, tapClass);
}

/** Every rendered node object in the page's setData payloads (Taro's compressed keys: `cl` class, `sid` id). */
function renderedNodes(route) {
  const nodes = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.sid === 'string') nodes.push(v);
      Object.values(v).forEach(walk);
    }
  };
  setDataLog.filter((e) => e.route === route).forEach((e) => walk(e.data));
  return nodes;
}

/** Tap the first node with class `cls` as the host would (bindtap → the page's `eh`) and print the host calls. */
async function tap(route, inst, cls) {
  const node = renderedNodes(route).find((n) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(cls));
  if (!node) throw new Error(`${route}: no rendered element with class ${cls}`);
  const handler = inst.eh || Object.getPrototypeOf(inst).eh;
  if (typeof handler !== 'function') throw new Error(`${route}: the page has no event handler (eh)`);
  const target = { id: node.sid, dataset: { sid: node.sid } };
  const before = calls.length;
  handler.call(inst, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: {} });
  for (let i = 0; i < 30 && calls.length === before; i++) await wait(100);
  await wait(200);
  const made = calls.slice(before);
  if (!made.length) throw new Error(`${route}: tapping .${cls} made no host call`);
  console.log(`${type}: tap .${cls} → ${made.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`${type}: SMOKE FAILED: ${err.stack || err}`);
    process.exit(1);
  },
);
