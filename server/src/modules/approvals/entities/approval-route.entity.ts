import { Column, Entity, Index } from 'typeorm';
import type { RouteStep } from '@hrlink/shared';
import { BaseRow, jsonText } from '../../../database/base.entity';

/** A tenant's saved route for one business type (a type without a row uses the built-in default). */
@Entity('approval_routes')
@Index('uq_approval_route_type', ['tenantId', 'businessType'], { unique: true })
export class ApprovalRoute extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) businessType!: string;
  @Column({ type: 'text', transformer: jsonText }) steps!: RouteStep[];
  @Column({ type: 'int', nullable: true }) reminderHours!: number | null;
  /** Admin user or employee id of the last editor. */
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedBy!: string | null;
}
