import { Column, Entity, Index } from 'typeorm';
import { BaseRow, jsonText } from '../../database/base.entity';

@Entity('audit_logs')
@Index('ix_audit_tenant_created', ['tenantId', 'createdAt'])
export class AuditLog extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 16 }) actorKind!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 64 }) targetType!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) targetId!: string | null;
  @Column({ type: 'text', transformer: jsonText }) details!: Record<string, unknown> | null;
}
