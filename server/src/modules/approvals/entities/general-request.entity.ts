import { Column, Entity, Index } from 'typeorm';
import { BaseRow, jsonText } from '../../../database/base.entity';

/** 通用审批: the built-in business type's own record (instance.businessId points here). */
@Entity('general_requests')
@Index('ix_general_request_tenant', ['tenantId', 'createdAt'])
export class GeneralRequest extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) applicantId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'text' }) details!: string;
  /** Integer fen (bigint: MySQL answers a string, turned back into a number; safe up to 2^53). */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) } })
  amountFen!: number | null;
  @Column({ type: 'text', transformer: jsonText }) attachments!: string[];
}
