import { Injectable, Logger } from '@nestjs/common';
import { AfterCommitListeners } from './after-commit-listeners';

/**
 * Org changes other modules react to, emitted AFTER the change is committed (full sync and contact events).
 * HR's own edits of hire / first-work dates are not emitted: the annual grant shows their effect as a preview first.
 * Listeners must not throw into the emitter: an error is logged and the org change stands.
 */
export type OrgEvent =
  /** Employees were created by a sync, or their hire date or employment status changed on the platform. */
  { type: 'employees.changed'; tenantId: string; employeeIds: string[] };

export type OrgListener = (event: OrgEvent) => Promise<void> | void;

@Injectable()
export class OrgEventBus {
  private readonly listeners = new AfterCommitListeners<OrgEvent>(new Logger(OrgEventBus.name), 'org event');

  on(listener: OrgListener): void {
    this.listeners.add(listener);
  }

  emit(event: OrgEvent): Promise<void> {
    return this.listeners.emit(event);
  }
}
