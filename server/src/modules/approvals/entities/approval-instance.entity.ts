import { Column, Entity, Index } from 'typeorm';
import type { ApprovalFormField, ApprovalStatus } from '@hrlink/shared';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';

/** A step of an instance as resolved at submission (name and mode; skipped when nobody was left to approve). */
export interface InstanceStep {
  name: string;
  mode: 'any' | 'all';
  skipped: boolean;
}

@Entity('approval_instances')
@Index('ix_approval_instance_applicant', ['tenantId', 'applicantId', 'createdAt'])
@Index('ix_approval_instance_status', ['tenantId', 'status', 'createdAt'])
@Index('ix_approval_instance_business', ['tenantId', 'businessType', 'businessId'])
export class ApprovalInstance extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) businessType!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) businessId!: string | null;
  @Column({ type: 'varchar', length: 36 }) applicantId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text', transformer: jsonText }) form!: ApprovalFormField[];
  @Column({ type: 'text', transformer: jsonText }) data!: Record<string, unknown>;
  @Column({ type: 'text', transformer: jsonText }) steps!: InstanceStep[];
  @Column({ type: 'varchar', length: 16 }) status!: ApprovalStatus;
  /** Index into `steps` of the active step (= steps.length once finished approved). */
  @Column({ type: 'int', default: 0 }) currentStep!: number;
  /** Bumped by every decision with a conditional UPDATE (optimistic concurrency). */
  @Column({ type: 'int', default: 0 }) version!: number;
  /** Remind after this many hours (copied from the route at submission); null = never. */
  @Column({ type: 'int', nullable: true }) reminderHours!: number | null;
  @Column({ ...DATETIME, nullable: true }) finishedAt!: Date | null;
}
