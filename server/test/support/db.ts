import { createConnection } from 'mysql2/promise';

/**
 * Database env for one test app. SQLite in memory by default. With DATABASE_URL=mysql://…/<name containing "test">,
 * a fresh `<name>_w<JEST_WORKER_ID>` database (dropped and recreated; the app's start applies the migrations).
 */
let created = 0;

export async function freshDatabaseEnv(): Promise<Record<string, string>> {
  const base = process.env.DATABASE_URL;
  if (!base) return { DATABASE_URL: '', SQLITE_PATH: ':memory:' };
  const url = new URL(base);
  const name = url.pathname.replace(/^\//, '');
  if (!name.toLowerCase().includes('test')) throw new Error(`refusing database "${name}": its name must contain "test"`);
  // A second app in the same test file gets its own database too (`_2`, `_3`, …).
  created++;
  const workerDb = `${name}_w${process.env.JEST_WORKER_ID ?? '1'}${created > 1 ? `_${created}` : ''}`;
  const conn = await createConnection({
    host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${workerDb}\``);
    await conn.query(`CREATE DATABASE \`${workerDb}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  url.pathname = `/${workerDb}`;
  return { DATABASE_URL: url.toString() };
}
