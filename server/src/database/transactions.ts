import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const DEADLOCK_ATTEMPTS = 4;

const mysqlError = (err: unknown) => {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return { code: e?.driverError?.code ?? e?.code, errno: e?.driverError?.errno ?? e?.errno };
};

/** MySQL's "Deadlock found when trying to get lock; try restarting transaction" (errno 1213). */
export function isDeadlock(err: unknown): boolean {
  const { code, errno } = mysqlError(err);
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}

/** MySQL's "Lock wait timeout exceeded; try restarting transaction" (errno 1205). */
export function isLockWaitTimeout(err: unknown): boolean {
  const { code, errno } = mysqlError(err);
  return code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1205;
}

/**
 * Runs `work`, and again when MySQL rolled it back as a deadlock victim (up to 4 times in all), or — with
 * `lockWaitRetries` — after a lock wait timeout (50 s by default, so once is plenty). `work` must be safe to re-run.
 */
export async function rerunOnLockConflict<T>(work: () => Promise<T>, opts: { lockWaitRetries?: number } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const again = (isDeadlock(err) && attempt < DEADLOCK_ATTEMPTS) || (isLockWaitTimeout(err) && attempt <= (opts.lockWaitRetries ?? 0));
      if (!again) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10));
    }
  }
}

/**
 * Runs a unit of work in a transaction (re-run on a MySQL deadlock, so it must not have effects outside the
 * database). On SQLite, TypeORM shares one connection, so concurrent transactions would nest into each
 * other: they are queued here one after another. On MySQL each gets its own pooled connection.
 * Single-row writes outside a unit of work use `save(x, { transaction: false })` so that TypeORM does not open an
 * implicit transaction on the shared SQLite connection next to a queued one.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly ds: DataSource) {}

  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    // InnoDB picks a deadlock victim and rolls its transaction back (e.g. an outbox INSERT against the dispatcher's
    // FOR UPDATE SKIP LOCKED claim): the unit of work is re-run from the start, as MySQL's manual advises.
    if (this.ds.options.type !== 'better-sqlite3') return rerunOnLockConflict(() => this.ds.transaction(work));
    const next = this.tail.then(() => this.ds.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }
}
