import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * callback_events: a contact event whose application failed is kept as `retrying` with what to apply (`payload`),
 * `attempts` and `nextAttemptAt`; a job applies it again with backoff (the platform already got its "success").
 */
export class CallbackRetry1764200000000 implements MigrationInterface {
  name = 'CallbackRetry1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('callback_events', [
      new TableColumn({ name: 'payload', type: 'text', isNullable: true }),
      new TableColumn({ name: 'attempts', type: 'int', isNullable: false, default: 0 }),
      new TableColumn({ name: 'nextAttemptAt', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.createIndex('callback_events', new TableIndex({ name: 'ix_callback_event_due', columnNames: ['status', 'nextAttemptAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('callback_events', 'ix_callback_event_due');
    await q.dropColumns('callback_events', ['payload', 'attempts', 'nextAttemptAt']);
  }
}
