import { MigrationInterface, QueryRunner } from 'typeorm';

// attendance_punches on MySQL/MariaDB: clustered by (tenantId, employeeId, date, id) instead of the random UUID id.
// Every read of punches is a person's days: the clock-in's recent punches (PunchBatch), a day's outcome for many
// people (AttendanceCore.outcomesOf), the report's field days. With the UUID primary key each punch read was a random
// page of the table: with a month of punches (~600,000 at 20,000 people, more than a 128 MB buffer pool) a clock-in
// read ~6.5 pages from disk (its recent punches one by one, the insert's own page) against the raw INSERT's ~1, and
// HR's first month read 91 s. Clustered, a person's recent punches are one page, which is also where the new punch
// goes. `id` stays unique in practice (a random UUID; nothing looks punches up by id alone). ix_att_punch_day repeats
// the new key's prefix, so it is dropped (one index fewer to write per punch; no released version reads through it by
// name). SQLite keeps its rowid table and the index.

const MYSQL = (q: QueryRunner) => q.connection.options.type === 'mysql' || q.connection.options.type === 'mariadb';

export class PunchesClustered1765100000000 implements MigrationInterface {
  name = 'PunchesClustered1765100000000';

  async up(q: QueryRunner): Promise<void> {
    if (!MYSQL(q)) return;
    await q.query('ALTER TABLE `attendance_punches` DROP PRIMARY KEY, ADD PRIMARY KEY (`tenantId`, `employeeId`, `date`, `id`), DROP INDEX `ix_att_punch_day`');
  }

  async down(q: QueryRunner): Promise<void> {
    if (!MYSQL(q)) return;
    await q.query('ALTER TABLE `attendance_punches` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`), ADD INDEX `ix_att_punch_day` (`tenantId`, `employeeId`, `date`)');
  }
}
