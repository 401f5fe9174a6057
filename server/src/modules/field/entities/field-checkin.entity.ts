import { Column, Entity, Index } from 'typeorm';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';

const num = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** 外勤签到: a visit record (not a punch). `date` is the local date in the tenant's time zone. */
@Entity('field_checkins')
@Index('uq_field_checkin_key', ['tenantId', 'employeeId', 'idempotencyKey'], { unique: true })
@Index('ix_field_checkin_employee', ['tenantId', 'employeeId', 'date'])
@Index('ix_field_checkin_date', ['tenantId', 'date'])
export class FieldCheckin extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 64 }) idempotencyKey!: string;
  @Column(DATETIME) at!: Date;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column({ type: 'decimal', precision: 10, scale: 7, transformer: num }) latitude!: number;
  @Column({ type: 'decimal', precision: 10, scale: 7, transformer: num }) longitude!: number;
  @Column({ type: 'decimal', precision: 10, scale: 2, transformer: num }) accuracy!: number;
  @Column({ type: 'varchar', length: 200 }) address!: string;
  @Column({ type: 'varchar', length: 100 }) customerName!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) remark!: string | null;
  @Column({ type: 'text', transformer: jsonText }) photoFileIds!: string[];
}
