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
  /** applied | failed (the outcome, e.g. the engine's error code) */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
}
