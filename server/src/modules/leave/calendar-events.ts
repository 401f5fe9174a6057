import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AfterCommitListeners } from '../../common/after-commit-listeners';

/**
 * The seam between the work calendar (HR's overrides: holidays, rest days, 调休 workdays) and modules that store
 * something derived from it (attendance daily results). Leave never imports those modules; they subscribe here.
 *
 * - `changed` listeners run INSIDE the override's transaction with its EntityManager: what they write (or delete)
 *   commits or rolls back with the override; an error rolls the override back.
 * - `committed` listeners run after the commit (drop in-process caches); an error is logged, the change stands.
 */
export type CalendarEvent =
  /** Overrides of these dates (YYYY-MM-DD) were created, changed or deleted. */
  { type: 'calendar.changed'; tenantId: string; dates: string[] };

export type CalendarTxListener = (m: EntityManager, event: CalendarEvent) => Promise<void> | void;
export type CalendarCommittedListener = (event: CalendarEvent) => Promise<void> | void;

@Injectable()
export class CalendarEventBus {
  private readonly inTx: CalendarTxListener[] = [];
  private readonly afterCommit = new AfterCommitListeners<CalendarEvent>(new Logger(CalendarEventBus.name), 'calendar event');

  onChanged(listener: CalendarTxListener): void {
    this.inTx.push(listener);
  }

  onCommitted(listener: CalendarCommittedListener): void {
    this.afterCommit.add(listener);
  }

  /** Inside the transaction that changed the calendar. */
  async changed(m: EntityManager, event: CalendarEvent): Promise<void> {
    for (const listener of this.inTx) await listener(m, event);
  }

  /** After that transaction committed. */
  committed(event: CalendarEvent): Promise<void> {
    return this.afterCommit.emit(event);
  }
}
