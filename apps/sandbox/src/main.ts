#!/usr/bin/env node
import { startSandbox } from './server';

/**
 * CLI: node dist/main.js --port 3001 --members 20000 --departments 1000 --rate-limit 20 [--host 127.0.0.1] [--h5-url URL]
 * Env: SANDBOX_PORT, SANDBOX_HOST, SANDBOX_MEMBERS, SANDBOX_DEPARTMENTS, SANDBOX_RATE_LIMIT, HRLINK_H5_URL.
 * Prints `SANDBOX_LISTENING <url>` once listening (spawnSandbox waits for it).
 */
function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : undefined;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`sandbox: not a number: ${v}`);
    process.exit(1);
  }
  return n;
}

async function main(): Promise<void> {
  const started = Date.now();
  const sandbox = await startSandbox({
    port: num(arg('port') ?? process.env.SANDBOX_PORT) ?? 3001,
    host: arg('host') ?? process.env.SANDBOX_HOST ?? '127.0.0.1',
    members: num(arg('members') ?? process.env.SANDBOX_MEMBERS),
    departments: num(arg('departments') ?? process.env.SANDBOX_DEPARTMENTS),
    rateLimit: num(arg('rate-limit') ?? process.env.SANDBOX_RATE_LIMIT) ?? null,
    h5Url: arg('h5-url') ?? process.env.HRLINK_H5_URL,
  });
  const demo = sandbox.state.corp('demo')!;
  console.log(`SANDBOX_LISTENING ${sandbox.url}`);
  console.error(
    `sandbox: ${demo.people.size} members in ${demo.departments.size} departments, ready in ${Date.now() - started} ms — phone page ${sandbox.url}/`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(`sandbox: ${(err as Error).message}`);
  process.exit(1);
});
