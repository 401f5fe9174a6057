import { Column, Entity, Index } from 'typeorm';
import type { DeliveryStatus, Platform } from '@hrlink/shared';
import type { ApprovalCard, CardRef, CardUpdate, MessageRecipient } from '@hrlink/connectors';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';

export type OutboxKind = 'card.send' | 'card.update' | 'notice.send';

/** What the dispatcher sends, per kind. */
export type OutboxPayload =
  | { card: ApprovalCard }
  | { update: Omit<CardUpdate, 'card'>; card: ApprovalCard }
  | { notice: { idempotencyKey: string; title: string; text: string; link: { mobile: string; pc: string } } };

/**
 * One message to a platform, written in the same transaction as the change that caused it and delivered by the
 * dispatcher (lease + retries). `idempotencyKey` is unique and passed to the platform as its de-duplication key.
 */
@Entity('outbox_messages')
@Index('uq_outbox_key', ['idempotencyKey'], { unique: true })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_outbox_instance', ['tenantId', 'instanceId'])
@Index('ix_outbox_task', ['taskId'])
@Index('ix_outbox_tenant_created', ['tenantId', 'createdAt'])
export class OutboxMessage extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) bindingId!: string;
  @Column({ type: 'varchar', length: 16 }) platform!: Platform;
  @Column({ type: 'varchar', length: 32 }) kind!: OutboxKind;
  @Column({ type: 'varchar', length: 36, nullable: true }) recipientEmployeeId!: string | null;
  /** The recipient's platform ids when the row was written. */
  @Column({ type: 'text', transformer: jsonText }) recipient!: MessageRecipient;
  @Column({ type: 'varchar', length: 36, nullable: true }) instanceId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) taskId!: string | null;
  /** card.update: the card.send row whose platformRef it updates (delivered only after that one is sent). */
  @Column({ type: 'varchar', length: 36, nullable: true }) dependsOnId!: string | null;
  @Column({ type: 'text', transformer: jsonText }) payload!: OutboxPayload;
  @Column({ type: 'varchar', length: 191 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 16 }) status!: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column(DATETIME) nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 80, nullable: true }) leaseOwner!: string | null;
  @Column({ ...DATETIME, nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  /** What the platform answered (CardRef: task_id / message_id / response_code / to-do id). */
  @Column({ type: 'text', nullable: true, transformer: jsonText }) platformRef!: CardRef | null;
  @Column({ ...DATETIME, nullable: true }) sentAt!: Date | null;
}
