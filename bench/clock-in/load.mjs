// A small keep-alive HTTP load generator (loopback only). Closed loop: `concurrency` workers, each sends its next
// request as soon as the previous answer is read, until `count` requests are sent or `seconds` pass. Open loop
// (`ratePerSecond`): arrivals paced evenly, at most `maxInFlight` outstanding. No assertions: it returns figures.
import http from 'node:http';

export function makeAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One request; resolves {status, ms, body?}. Never rejects (a socket error is status 0). */
export function send(agent, url, { method = 'POST', headers = {}, body, keepBody = false } = {}) {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error(`loopback only: ${url}`);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request({
      agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => { if (keepBody) chunks.push(c); });
      res.on('end', () => resolve({
        status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6,
        body: keepBody ? Buffer.concat(chunks).toString() : undefined,
      }));
    });
    // A request unanswered after 30 s counts as failed (status 0) instead of stalling its worker for ever.
    req.setTimeout(Number(process.env.BENCH_REQUEST_TIMEOUT_MS ?? 30000), () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, error: err.message }));
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Runs `next(i)` → {url, method, headers, body} for i = 0, 1, … Returns throughput and latency percentiles.
 * opts: {concurrency, count, seconds} (closed loop) or {ratePerSecond, count, maxInFlight, seconds} (open loop).
 */
export async function run(next, opts) {
  const agent = makeAgent(opts.concurrency ?? opts.maxInFlight ?? 64);
  const latencies = [];
  const statuses = {};
  let sent = 0;
  const started = performance.now();
  const deadline = started + (opts.seconds ?? 3600) * 1000;
  const one = async (i) => {
    const r = await send(agent, ...toArgs(next(i)));
    latencies.push(r.ms);
    const k = r.status || `0 ${r.error ?? ''}`.trim();
    statuses[k] = (statuses[k] ?? 0) + 1;
    opts.onResult?.(i, r);
  };
  if (opts.ratePerSecond) {
    const inflight = new Set();
    const interval = 1000 / opts.ratePerSecond;
    while (sent < opts.count && performance.now() < deadline) {
      const due = started + sent * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      while (inflight.size >= opts.maxInFlight) await Promise.race(inflight);
      const p = one(sent++).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(Array.from({ length: opts.concurrency }, async () => {
      while (sent < opts.count && performance.now() < deadline) await one(sent++);
    }));
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : NaN);
  const ok = Object.entries(statuses).filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0);
  return { requests: latencies.length, ok, statuses, seconds, rps: ok / seconds, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? NaN };
}

function toArgs(r) {
  return [r.url, { method: r.method ?? 'POST', headers: r.headers ?? {}, body: r.body }];
}
