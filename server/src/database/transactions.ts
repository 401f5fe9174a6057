import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in a transaction. On SQLite, TypeORM shares one connection, so concurrent transactions would
 * nest into each other: they are queued here one after another. On MySQL each gets its own pooled connection.
 * Single-row writes outside a unit of work use `save(x, { transaction: false })` so that TypeORM does not open an
 * implicit transaction on the shared SQLite connection next to a queued one.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.ds.options.type !== 'better-sqlite3') return this.ds.transaction(work);
    const next = this.tail.then(() => this.ds.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
