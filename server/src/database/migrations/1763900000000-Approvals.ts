import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Approval engine tables. Same portable conventions as the initial schema: varchar with lengths, int, text (JSON as
// text), datetime(3) UTC instants set by the server, no engine-specific defaults, no foreign keys.

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable, ...(nullable ? {} : { default: 0 }) });
const dt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const stamps = (): TableColumnOptions[] => [dt('createdAt'), dt('updatedAt')];
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class Approvals1763900000000 implements MigrationInterface {
  name = 'Approvals1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'approval_routes',
      columns: [id(), ref('tenantId'), str('businessType', 64), text('steps'), int('reminderHours', true), ref('updatedBy', true), ...stamps()],
      indices: [ix('uq_approval_route_type', ['tenantId', 'businessType'], true)],
    }));
    await q.createTable(new Table({
      name: 'approval_instances',
      columns: [id(), ref('tenantId'), str('businessType', 64), str('businessId', 64, true), ref('applicantId'), str('title', 200),
        text('form'), text('data'), text('steps'), str('status', 16), int('currentStep'), int('version'), int('reminderHours', true),
        dt('finishedAt', true), ...stamps()],
      indices: [ix('ix_approval_instance_applicant', ['tenantId', 'applicantId', 'createdAt']),
        ix('ix_approval_instance_status', ['tenantId', 'status', 'createdAt']),
        ix('ix_approval_instance_business', ['tenantId', 'businessType', 'businessId'])],
    }));
    await q.createTable(new Table({
      name: 'approval_tasks',
      columns: [id(), ref('tenantId'), ref('instanceId'), int('stepIndex'), ref('approverId'), str('status', 16), text('comment', true),
        dt('decidedAt', true), ref('transferredFromTaskId', true), dt('activatedAt', true), dt('remindAt', true), dt('remindedAt', true),
        ...stamps()],
      indices: [ix('ix_approval_task_approver', ['tenantId', 'approverId', 'status']), ix('ix_approval_task_instance', ['instanceId', 'stepIndex']),
        ix('ix_approval_task_remind', ['status', 'remindAt'])],
    }));
    await q.createTable(new Table({
      name: 'approval_timeline',
      columns: [id(), ref('tenantId'), ref('instanceId'), str('action', 16), ref('actorId', true), ref('targetId', true), text('comment', true),
        str('via', 16, true), str('platform', 16, true), dt('at'), int('seq'), ...stamps()],
      indices: [ix('ix_approval_timeline_instance', ['instanceId', 'at'])],
    }));
    await q.createTable(new Table({
      name: 'general_requests',
      columns: [id(), ref('tenantId'), ref('applicantId'), str('title', 200), text('details'),
        { name: 'amountFen', type: 'bigint', isNullable: true }, text('attachments'), ...stamps()],
      indices: [ix('ix_general_request_tenant', ['tenantId', 'createdAt'])],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['general_requests', 'approval_timeline', 'approval_tasks', 'approval_instances', 'approval_routes']) await q.dropTable(t);
  }
}
