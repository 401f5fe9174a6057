import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const DEADLOCK_ATTEMPTS = 4;

/** MySQL's "Deadlock found when trying to get lock; try restarting transaction" (errno 1213). */
export function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_DEADLOCK' || (e?.driverError?.errno ?? e?.errno) === 1213;
}

/**
 * Runs a unit of work in a transaction (re-run on a MySQL deadlock, so it must not have effects outside the
 * database). On SQLite, TypeORM shares one connection, so concurrent transactions would nest into each
 * other: they are queued here one after another. On MySQL each gets its own pooled connection.
 * Single-row writes outside a unit of work use `save(x, { transaction: false })` so that TypeORM does not open an
 * implicit transaction on the shared SQLite connection next to a queued one.
 */
/** MySQL's "Lock wait timeout exceeded; try restarting transaction" (errno 1205). */
export function isLockWaitTimeout(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_WAIT_TIMEOUT' || (e?.driverError?.errno ?? e?.errno) === 1205;
}

@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.ds.options.type !== 'better-sqlite3') {
      // InnoDB picks a deadlock victim and rolls its transaction back (e.g. an outbox INSERT against the dispatcher's
      // FOR UPDATE SKIP LOCKED claim): the unit of work is re-run from the start, as MySQL's manual advises.
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.ds.transaction(work);
        } catch (err) {
          if (!isDeadlock(err) || attempt >= DEADLOCK_ATTEMPTS) throw err;
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
        }
      }
    }
    const next = this.tail.then(() => this.ds.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
