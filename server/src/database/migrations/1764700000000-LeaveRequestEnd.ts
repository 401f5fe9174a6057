import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// leave_requests by (tenantId, endDate): "who is on leave today" (LeaveToday, read for clock-in) scans only requests
// ending today or later, not a tenant's whole history.

export class LeaveRequestEnd1764700000000 implements MigrationInterface {
  name = 'LeaveRequestEnd1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('leave_requests', new TableIndex({ name: 'ix_leave_request_end', columnNames: ['tenantId', 'endDate'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('leave_requests', 'ix_leave_request_end');
  }
}
