import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

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
    await m.query(this.insertSql, this.columns.map((c) => this.ds.driver.preparePersistentValue(c.getEntityValue(row), c)));
  }

  /**
   * Several rows in one statement. `ignoreDuplicates`: a row that hits a unique key is skipped (MySQL
   * `ON DUPLICATE KEY UPDATE id = id`, SQLite `ON CONFLICT DO NOTHING`) instead of failing the others — the caller
   * finds out which rows went in by reading them back.
   */
  async insertMany(m: EntityManager, rows: T[], opts: { ignoreDuplicates?: boolean } = {}): Promise<void> {
    if (!rows.length) return;
    const one = `(${this.columns.map(() => '?').join(', ')})`;
    const head = this.insertSql.slice(0, this.insertSql.indexOf(' VALUES ') + 8);
    const pk = this.ds.driver.escape('id');
    const tail = !opts.ignoreDuplicates ? '' : this.ds.options.type === 'better-sqlite3' ? ' ON CONFLICT DO NOTHING' : ` ON DUPLICATE KEY UPDATE ${pk} = ${pk}`;
    const params: unknown[] = [];
    for (const row of rows) for (const c of this.columns) params.push(this.ds.driver.preparePersistentValue(c.getEntityValue(row), c));
    await m.query(head + rows.map(() => one).join(', ') + tail, params);
  }

  /** `SELECT <all columns> FROM <table> <tail>` with `?` parameters, hydrated into entity-shaped objects. */
  async select(m: EntityManager, tail: string, params: unknown[]): Promise<T[]> {
    const rows: Record<string, unknown>[] = await m.query(`SELECT ${this.selectList} FROM ${this.table} ${tail}`, params);
    return rows.map((raw) => {
      const out = {} as Record<string, unknown>;
      for (const c of this.columns) out[c.propertyName] = this.ds.driver.prepareHydratedValue(raw[c.databaseName], c);
      return out as T;
    });
  }
}
