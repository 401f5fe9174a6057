import { EventSubscriber } from 'typeorm';
import type { EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';

const pending = new WeakMap<QueryRunner, (() => void)[]>();

/**
 * Runs `fn` once the transaction `m` belongs to has ended — committed or rolled back (a savepoint's end does not
 * count: the outer transaction's does) — or at once when `m` is not in one. For in-process caches: one dropped only
 * inside the transaction can be reloaded in between — with the old rows (a read on another connection, before the
 * commit) or with rows that are then rolled back (SQLite's one shared connection) — and remembered; dropping it again
 * here closes that window. `fn` must not throw (an error is swallowed: the transaction's outcome stands).
 */
export function whenTransactionEnds(m: EntityManager, fn: () => void): void {
  const qr = m.queryRunner;
  if (!qr?.isTransactionActive) return fn();
  const list = pending.get(qr);
  if (list) list.push(fn);
  else pending.set(qr, [fn]);
}

function ended(qr: QueryRunner): void {
  if (qr.isTransactionActive) return; // a savepoint released or rolled back inside the transaction
  const list = pending.get(qr);
  if (!list) return;
  pending.delete(qr);
  for (const fn of list) {
    try {
      fn();
    } catch {
      // see whenTransactionEnds
    }
  }
}

/** The TypeORM subscriber behind whenTransactionEnds (registered in dataSourceOptions). */
@EventSubscriber()
export class TransactionEndSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    ended(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    ended(event.queryRunner);
  }
}
