import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';

interface MysqlPool {
  query(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown) => void): void;
}
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Options of a read. */
export interface ReadOptions {
  /** The index MySQL must read through (see FastRows.from). */
  index?: string;
}

/** Rows a multi-row INSERT stored, or 'unknown' where the driver's count includes skipped duplicates. */
export type InsertedCount = number | 'unknown';

/**
 * Plain SQL for one entity's hot paths: the INSERT and SELECT texts are built once from the entity's metadata, and
 * values go through the driver's own conversions (preparePersistentValue / prepareHydratedValue, transformers
 * included), so rows read and written here are exactly what the repository API would read and write — on SQLite and
 * MySQL alike — without building a query (the QueryBuilder costs more CPU than the database round trip on this path).
 * Use only where a profile shows it matters; everything else uses repositories.
 */
export class FastRows<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly table: string;
  private readonly insertSql: string;
  private readonly selectList: string;

  constructor(private readonly ds: DataSource, entity: EntityTarget<T>) {
    const meta = ds.getMetadata(entity);
    const q = (name: string) => ds.driver.escape(name);
    this.columns = meta.columns;
    this.table = q(meta.tableName);
    this.insertSql = `INSERT INTO ${this.table} (${this.columns.map((c) => q(c.databaseName)).join(', ')}) VALUES (${this.columns.map(() => '?').join(', ')})`;
    this.selectList = this.columns.map((c) => q(c.databaseName)).join(', ');
  }

  /** The quoted name of a column by its property name (for WHERE / ORDER BY texts). */
  col(property: keyof T & string): string {
    const c = this.columns.find((x) => x.propertyName === property);
    if (!c) throw new Error(`no column ${property}`);
    return this.ds.driver.escape(c.databaseName);
  }

  /** One row, every column given (no defaults are filled in). */
  async insert(m: EntityManager, row: T): Promise<void> {
    await this.run(m, this.insertSql, this.columns.map((c) => this.ds.driver.preparePersistentValue(c.getEntityValue(row), c)));
  }

  /**
   * Several rows in one statement. `ignoreDuplicates`: a row that hits a unique key is skipped (MySQL
   * `ON DUPLICATE KEY UPDATE id = id`, SQLite `ON CONFLICT DO NOTHING`) instead of failing the others — the caller
   * finds out which rows went in by reading them back.
   */
  async insertMany(m: EntityManager, rows: T[], opts: { ignoreDuplicates?: boolean } = {}): Promise<InsertedCount> {
    const pk = this.ds.driver.escape('id');
    const tail = !opts.ignoreDuplicates ? '' : this.sqlite ? ' ON CONFLICT DO NOTHING' : ` ON DUPLICATE KEY UPDATE ${pk} = ${pk}`;
    const { affected, info } = await this.write(m, rows, tail);
    if (!opts.ignoreDuplicates || this.sqlite) return affected;
    // mysql2 connects with CLIENT_FOUND_ROWS, so a skipped duplicate counts as affected; the statement's info text
    // ("Records: 3  Duplicates: 1  Warnings: 0", sent for multi-row INSERTs) says how many rows were duplicates.
    const counts = /Records: (\d+)\s+Duplicates: (\d+)/.exec(info ?? '');
    return counts ? Number(counts[1]) - Number(counts[2]) : 'unknown';
  }

  /**
   * Insert-or-update by a unique key: rows whose `conflict` columns match a stored row update its `update` columns
   * (MySQL `ON DUPLICATE KEY UPDATE c = VALUES(c)`, SQLite `ON CONFLICT (…) DO UPDATE SET c = excluded.c`).
   * `unlessNewer`: a stored row whose value in that column is later than the new row's is left alone (two writers
   * racing: the one that read later wins, whoever writes last).
   */
  async upsertMany(m: EntityManager, rows: T[], conflict: (keyof T & string)[], update: (keyof T & string)[], unlessNewer?: keyof T & string): Promise<number> {
    let tail: string;
    if (this.sqlite) {
      const guard = unlessNewer ? ` WHERE excluded.${this.col(unlessNewer)} >= ${this.table}.${this.col(unlessNewer)}` : '';
      tail = ` ON CONFLICT (${conflict.map((k) => this.col(k)).join(', ')}) DO UPDATE SET ${update.map((k) => `${this.col(k)} = excluded.${this.col(k)}`).join(', ')}${guard}`;
    } else {
      // MySQL assigns left to right: the guard column goes last so every IF compares with the stored value.
      const g = unlessNewer ? this.col(unlessNewer) : null;
      const cols = g ? [...update.filter((k) => k !== unlessNewer), unlessNewer!] : update;
      tail = ` ON DUPLICATE KEY UPDATE ${cols.map((k) => {
        const c = this.col(k);
        return g ? `${c} = IF(VALUES(${g}) >= ${g}, VALUES(${c}), ${c})` : `${c} = VALUES(${c})`;
      }).join(', ')}`;
    }
    return (await this.write(m, rows, tail)).affected;
  }

  /**
   * MySQL outside a transaction: the driver's own mysql2 pool (same connection options as every TypeORM query),
   * without a query runner per statement — about half the client CPU of `m.query` on this path. Errors are
   * QueryFailedError as from TypeORM. Inside a transaction, or on SQLite (one shared connection), `m.query`.
   */
  private pool(m: EntityManager): MysqlPool | undefined {
    if (m.queryRunner || this.sqlite) return undefined;
    return (this.ds.driver as unknown as { pool?: MysqlPool }).pool;
  }

  private run(m: EntityManager, sql: string, params: unknown[]): Promise<any> {
    const pool = this.pool(m);
    if (!pool) return m.query(sql, params);
    return new Promise((resolve, reject) => pool.query(sql, params, (err, rows) => (err ? reject(new QueryFailedError(sql, params, err)) : resolve(rows))));
  }

  private get sqlite(): boolean {
    return this.ds.options.type === 'better-sqlite3';
  }

  /** One multi-row INSERT with the given tail; answers the rows the database reports as affected (and MySQL's info text). */
  private async write(m: EntityManager, rows: T[], tail: string): Promise<{ affected: number; info?: string }> {
    if (!rows.length) return { affected: 0 };
    const one = `(${this.columns.map(() => '?').join(', ')})`;
    const head = this.insertSql.slice(0, this.insertSql.indexOf(' VALUES ') + 8);
    const params: unknown[] = [];
    for (const row of rows) for (const c of this.columns) params.push(this.ds.driver.preparePersistentValue(c.getEntityValue(row), c));
    const sql = head + rows.map(() => one).join(', ') + tail;
    if (this.pool(m)) {
      const header = await this.run(m, sql, params) as { affectedRows?: number; info?: string };
      return { affected: Number(header.affectedRows ?? 0), info: header.info };
    }
    const own = !m.queryRunner;
    const runner = m.queryRunner ?? this.ds.createQueryRunner();
    try {
      const res = await runner.query(sql, params, true);
      return { affected: Number(res.affected ?? 0), info: (res.raw as { info?: string } | undefined)?.info };
    } finally {
      if (own) await runner.release();
    }
  }

  /** `SELECT <all columns> FROM <table> <tail>` with `?` parameters, hydrated into entity-shaped objects. */
  async select(m: EntityManager, tail: string, params: unknown[], opts: ReadOptions = {}): Promise<T[]> {
    return this.hydrate(this.columns, await this.run(m, `SELECT ${this.selectList} FROM ${this.from(opts)} ${tail}`, params));
  }

  /**
   * The table, with MySQL's `FORCE INDEX` when `opts.index` is named: reads of many people's days ("employeeId IN (…500)
   * AND date in a range") must walk the per-person index, but MySQL's estimates can prefer the (tenantId, date) one — it
   * did on a table grown fast (statistics not yet refreshed), scanning the whole tenant's day once per 500 people.
   * SQLite's planner picks the per-person index by itself.
   */
  private from(opts: ReadOptions): string {
    return opts.index && !this.sqlite ? `${this.table} FORCE INDEX (${this.ds.driver.escape(opts.index)})` : this.table;
  }

  /**
   * Rows whose `column` is one of `values` (500 to a statement), `where` (a text with `?` parameters, e.g. the tenant)
   * ANDed in; only the `props` columns are read and set.
   */
  async selectIn<K extends keyof T & string>(m: EntityManager, props: K[], column: keyof T & string, values: unknown[], where: string, params: unknown[],
    opts: ReadOptions = {}): Promise<Pick<T, K>[]> {
    const out: Pick<T, K>[] = [];
    for (let i = 0; i < values.length; i += 500) {
      const part = values.slice(i, i + 500);
      out.push(...await this.selectSome(m, props, `WHERE ${where} AND ${this.col(column)} IN (${part.map(() => '?').join(', ')})`, [...params, ...part], opts));
    }
    return out;
  }

  /**
   * Several selects of all columns in one statement (`UNION ALL`), each part its own tail (a part may ORDER BY and
   * LIMIT: each is wrapped as a derived table, which SQLite and MySQL both accept).
   */
  async selectUnion(m: EntityManager, parts: { tail: string; params: unknown[] }[]): Promise<T[]> {
    if (!parts.length) return [];
    const sql = parts.map((p, i) => `SELECT * FROM (SELECT ${this.selectList} FROM ${this.table} ${p.tail}) AS q${i}`).join(' UNION ALL ');
    return this.hydrate(this.columns, await this.run(m, sql, parts.flatMap((p) => p.params)));
  }

  /** Like select, with only the named columns read and set (the others are absent). */
  async selectSome<K extends keyof T & string>(m: EntityManager, props: K[], tail: string, params: unknown[], opts: ReadOptions = {}): Promise<Pick<T, K>[]> {
    const cols = props.map((p) => this.columns.find((c) => c.propertyName === p)!);
    const list = cols.map((c) => this.ds.driver.escape(c.databaseName)).join(', ');
    return this.hydrate(cols, await this.run(m, `SELECT ${list} FROM ${this.from(opts)} ${tail}`, params)) as Pick<T, K>[];
  }

  private hydrate(cols: ColumnMetadata[], rows: Record<string, unknown>[]): T[] {
    const driver = this.ds.driver;
    return rows.map((raw) => {
      const out = {} as Record<string, unknown>;
      for (const c of cols) out[c.propertyName] = driver.prepareHydratedValue(raw[c.databaseName], c);
      return out as T;
    });
  }
}
