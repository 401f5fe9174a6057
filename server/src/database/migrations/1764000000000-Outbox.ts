import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Portable (SQLite + MySQL/MariaDB), like InitialSchema: varchar with lengths, int, text (JSON), datetime(3), no FKs.
const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const dt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

/** Outbox messages (cards, updates, notices to the platforms) and accepted callback events (de-duplication). */
export class Outbox1764000000000 implements MigrationInterface {
  name = 'Outbox1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'outbox_messages',
      columns: [id(), ref('tenantId'), ref('bindingId'), str('platform', 16), str('kind', 32), ref('recipientEmployeeId', true),
        text('recipient'), ref('instanceId', true), ref('taskId', true), ref('dependsOnId', true), text('payload'),
        str('idempotencyKey', 191), str('status', 16), { name: 'attempts', type: 'int', isNullable: false, default: 0 },
        dt('nextAttemptAt'), str('leaseOwner', 80, true), dt('leaseUntil', true), text('lastError', true), text('platformRef', true),
        dt('sentAt', true), dt('createdAt'), dt('updatedAt')],
      indices: [ix('uq_outbox_key', ['idempotencyKey'], true), ix('ix_outbox_due', ['status', 'nextAttemptAt']),
        ix('ix_outbox_instance', ['tenantId', 'instanceId']), ix('ix_outbox_task', ['taskId']),
        ix('ix_outbox_tenant_created', ['tenantId', 'createdAt'])],
    }));
    await q.createTable(new Table({
      name: 'callback_events',
      columns: [id(), ref('tenantId'), ref('bindingId'), str('platform', 16), str('eventId', 191), str('eventType', 64),
        str('status', 16), text('detail', true), dt('createdAt'), dt('updatedAt')],
      indices: [ix('uq_callback_event', ['bindingId', 'eventId'], true)],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('callback_events');
    await q.dropTable('outbox_messages');
  }
}
