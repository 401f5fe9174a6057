import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/configuration';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { TransactionEndSubscriber } from './transaction-end';

/** SQLite file by default; MySQL 8 / MariaDB 10.11 with DATABASE_URL=mysql://… . Schema only through migrations. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [TransactionEndSubscriber],
    migrationsRun: true, // pending migrations are applied by initialize()
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (db.type === 'mysql') {
    return { ...common, type: 'mysql', url: db.url!, charset: 'utf8mb4_unicode_ci', timezone: 'Z', dateStrings: false, supportBigNumbers: true };
  }
  if (db.sqlitePath !== ':memory:') mkdirSync(dirname(db.sqlitePath), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.sqlitePath,
    prepareDatabase: (conn: { pragma(s: string): unknown }) => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('busy_timeout = 5000');
    },
  };
}

/** Connects and applies pending migrations. */
export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  return ds;
}
