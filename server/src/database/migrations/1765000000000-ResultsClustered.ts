import { MigrationInterface, QueryRunner } from 'typeorm';

// attendance_daily_results on MySQL/MariaDB: clustered by (tenantId, employeeId, date) instead of the random UUID id.
// HR's month reads (daily list, anomalies, monthly report, its export) read each person's days together, 500 people to
// a statement; with the UUID primary key every row was a random page of the table (a 20,000-person month: ~450,000
// rows, ~200,000 pages read from disk per report with a 128 MB buffer pool, 20 s of its 22), clustered a person's
// month is one or two pages. `id` stays unique (TypeORM's key); uq_att_daily repeats the new primary key, so it is
// dropped (ON DUPLICATE KEY UPDATE meets the same (tenant, employee, date) key; no released version reads through it
// by name). SQLite keeps its rowid table and the unique index (its planner reads a person's days by that index; the
// file is small enough to be cached).

const MYSQL = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

export class ResultsClustered1765000000000 implements MigrationInterface {
  name = 'ResultsClustered1765000000000';

  async up(q: QueryRunner): Promise<void> {
    if (!MYSQL(q)) return;
    await q.query('ALTER TABLE `attendance_daily_results` DROP PRIMARY KEY, ADD PRIMARY KEY (`tenantId`, `employeeId`, `date`), '
      + 'ADD UNIQUE INDEX `uq_att_daily_id` (`id`), DROP INDEX `uq_att_daily`');
  }

  async down(q: QueryRunner): Promise<void> {
    if (!MYSQL(q)) return;
    await q.query('ALTER TABLE `attendance_daily_results` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`), '
      + 'ADD UNIQUE INDEX `uq_att_daily` (`tenantId`, `employeeId`, `date`), DROP INDEX `uq_att_daily_id`');
  }
}
