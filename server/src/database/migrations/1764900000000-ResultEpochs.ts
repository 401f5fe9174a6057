import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// attendance_result_epochs: one row per tenant, moved on by every unit of work that clears stored daily results, so a
// result computed from reads older than that commit is not stored (AttendanceCore.storeResults). No row = epoch 0.

export class ResultEpochs1764900000000 implements MigrationInterface {
  name = 'ResultEpochs1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'attendance_result_epochs',
      columns: [
        { name: 'tenantId', type: 'varchar', length: '36', isPrimary: true },
        { name: 'epoch', type: 'int', isNullable: false },
      ],
    }));
    // Every tenant starts with its row (a tenant created later gets one on first use: AttendanceCore.resultEpoch).
    await q.query(`INSERT INTO ${q.connection.driver.escape('attendance_result_epochs')} (${q.connection.driver.escape('tenantId')}, ${q.connection.driver.escape('epoch')})
      SELECT ${q.connection.driver.escape('id')}, 0 FROM ${q.connection.driver.escape('tenants')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attendance_result_epochs');
  }
}
