import { EventSubscriber } from 'typeorm';
import type { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';

const pending = new WeakMap<QueryRunner, (() => void)[]>();

/**
 * Runs `fn` once the transaction `m` belongs to has committed — at once when `m` is not in one. A rollback drops it.
 * For in-process caches: dropping a cache only inside the transaction leaves a window in which a read (on another
 * connection, or before the commit) reloads the old rows and remembers them; dropping it again here closes it.
 * `fn` must not throw (an error is swallowed: the transaction has committed, its change stands).
 */
export function afterCommit(m: EntityManager, fn: () => void): void {
  const qr = m.queryRunner;
  if (!qr?.isTransactionActive) return fn();
  const list = pending.get(qr);
  if (list) list.push(fn);
  else pending.set(qr, [fn]);
}

/** The TypeORM subscriber behind afterCommit (registered in dataSourceOptions). Savepoints wait for the outer commit. */
@EventSubscriber()
export class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint released inside the transaction
    const list = pending.get(qr);
    if (!list) return;
    pending.delete(qr);
    for (const fn of list) {
      try {
        fn();
      } catch {
        // see afterCommit
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}
