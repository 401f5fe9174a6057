import { Column, Entity, Index } from 'typeorm';
import type { Platform } from '@hrlink/shared';
import { BaseRow } from '../../../database/base.entity';

/** One accepted platform event, unique per binding: a redelivered or replayed event is acknowledged but applied once. */
@Entity('callback_events')
@Index('uq_callback_event', ['bindingId', 'eventId'], { unique: true })
export class CallbackEvent extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) bindingId!: string;
  @Column({ type: 'varchar', length: 16 }) platform!: Platform;
  @Column({ type: 'varchar', length: 191 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) eventType!: string;
  /** received | applied | ignored | retrying (a contact change that failed, due again at nextAttemptAt) | failed */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  /** What a retry applies: JSON `{ userIds: string[] }` or `{ department: true }`. */
  @Column({ type: 'text', nullable: true }) payload!: string | null;
  /** Applications made so far. */
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ type: 'datetime', precision: 3, nullable: true }) nextAttemptAt!: Date | null;
}
