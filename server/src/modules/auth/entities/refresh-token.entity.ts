import { Column, Entity, Index } from 'typeorm';
import type { Platform } from '@hrlink/shared';
import { BaseRow, DATETIME } from '../../../database/base.entity';
import type { SessionKind } from '../../../common/auth/auth.types';

/** One refresh token (stored as its SHA-256). Rotated on use; a reused token revokes its whole family. */
@Entity('refresh_tokens')
@Index('uq_refresh_token_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_token_family', ['familyId'])
export class RefreshToken extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 16 }) subjectKind!: SessionKind;
  @Column({ type: 'varchar', length: 36 }) subjectId!: string;
  @Column({ type: 'varchar', length: 36 }) familyId!: string;
  @Column({ type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) platform!: Platform | null;
  @Column(DATETIME) expiresAt!: Date;
  @Column({ ...DATETIME, nullable: true }) usedAt!: Date | null;
  @Column({ ...DATETIME, nullable: true }) revokedAt!: Date | null;
}
