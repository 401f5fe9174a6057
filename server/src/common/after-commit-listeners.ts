import { Logger } from '@nestjs/common';

/**
 * Listeners of an event that is told AFTER its change committed: each runs in turn; one that throws is logged and
 * the others still run — the change stands either way. Used by the org and calendar event buses.
 */
export class AfterCommitListeners<E extends { type: string; tenantId: string }> {
  private readonly listeners: ((event: E) => Promise<void> | void)[] = [];

  constructor(private readonly logger: Logger, private readonly what: string) {}

  add(listener: (event: E) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  async emit(event: E): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (err) {
        this.logger.error({ event: event.type, tenantId: event.tenantId, err: (err as Error).message }, `${this.what} listener failed`);
      }
    }
  }
}
