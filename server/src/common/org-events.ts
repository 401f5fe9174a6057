import { Injectable, Logger } from '@nestjs/common';

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
  private readonly logger = new Logger(OrgEventBus.name);
  private readonly listeners: OrgListener[] = [];

  on(listener: OrgListener): void {
    this.listeners.push(listener);
  }

  async emit(event: OrgEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (err) {
        this.logger.error({ event: event.type, tenantId: event.tenantId, err: (err as Error).message }, 'org event listener failed');
      }
    }
  }
}
