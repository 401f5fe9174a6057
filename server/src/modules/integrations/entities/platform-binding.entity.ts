import { Column, Entity, Index } from 'typeorm';
import type { Platform, SyncRunStatus } from '@hrlink/shared';
import { BaseRow, DATETIME } from '../../../database/base.entity';
import { encrypted } from '../../../common/crypto/encrypted.transformer';

@Entity('platform_bindings')
@Index('uq_binding_platform_corp', ['platform', 'corpId'], { unique: true })
export class PlatformBinding extends BaseRow {
  @Index('ix_binding_tenant')
  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;

  @Column({ type: 'varchar', length: 16 })
  platform!: Platform;

  @Column({ type: 'varchar', length: 128 })
  corpId!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  appKey!: string | null;

  @Column({ type: 'text', nullable: true, transformer: encrypted })
  appSecret!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  agentId!: string | null;

  @Column({ type: 'text', nullable: true, transformer: encrypted })
  callbackToken!: string | null;

  @Column({ type: 'text', nullable: true, transformer: encrypted })
  callbackAesKey!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Also push approval tasks as platform to-dos (DingTalk 待办, Feishu approval center). */
  @Column({ type: 'boolean', default: false })
  todoEnabled!: boolean;

  @Column({ ...DATETIME, nullable: true })
  lastSyncAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  lastSyncStatus!: SyncRunStatus | null;

  /** Sync lease: the instance holding it runs the sync; others skip until it expires. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  syncLeaseOwner!: string | null;

  @Column({ ...DATETIME, nullable: true })
  syncLeaseUntil!: Date | null;
}
