import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Uploaded files (modules/files) and field check-ins (modules/field). Portable conventions: varchar ids, text JSON,
// decimal coordinates, datetime(3) stamps set by the server, no engine-specific defaults, no foreign keys.

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false });
const coord = (name: string): TableColumnOptions => ({ name, type: 'decimal', precision: 10, scale: 7, isNullable: false });
const dt = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: false });
const stamps = (): TableColumnOptions[] => [dt('createdAt'), dt('updatedAt')];
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class FilesField1764400000000 implements MigrationInterface {
  name = 'FilesField1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'files',
      columns: [id(), ref('tenantId'), ref('ownerEmployeeId'), str('contentType', 32), int('size'), str('sha256', 64), str('storageKey', 200),
        text('exif', true), ...stamps()],
      indices: [ix('ix_file_owner', ['tenantId', 'ownerEmployeeId', 'createdAt'])],
    }));
    await q.createTable(new Table({
      name: 'field_checkins',
      columns: [id(), ref('tenantId'), ref('employeeId'), str('idempotencyKey', 64), dt('at'), str('date', 10), coord('latitude'), coord('longitude'),
        { name: 'accuracy', type: 'decimal', precision: 10, scale: 2, isNullable: false }, str('address', 200), str('customerName', 100),
        str('remark', 500, true), text('photoFileIds'), ...stamps()],
      indices: [
        ix('uq_field_checkin_key', ['tenantId', 'employeeId', 'idempotencyKey'], true),
        ix('ix_field_checkin_employee', ['tenantId', 'employeeId', 'date']),
        ix('ix_field_checkin_date', ['tenantId', 'date']),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('field_checkins');
    await q.dropTable('files');
  }
}
