import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startInterval, stopInterval } from '../../common/scheduling/interval-job';
import { TypedConfig } from '../../config/typed-config';
import { ApprovalsService } from './approvals.service';

const JOB = 'approval-reminders';

/**
 * Every APPROVAL_REMINDER_INTERVAL_SECONDS (typed config `approvals.reminderIntervalSeconds`, default 60; 0 = off) sends the reminders that are due. Every server
 * instance runs it; each task is claimed with a conditional UPDATE, so it is reminded once.
 */
@Injectable()
export class ApprovalReminders implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ApprovalReminders');
  private running = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly engine: ApprovalsService,
    private readonly config: TypedConfig,
  ) {}

  onApplicationBootstrap(): void {
    startInterval(this.registry, JOB, this.config.get('approvals').reminderIntervalSeconds * 1000, () => this.tick());
  }

  onModuleDestroy(): void {
    stopInterval(this.registry, JOB);
  }

  /** One pass (skipped while the previous one still runs). */
  async tick(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const n = await this.engine.sendDueReminders(now);
      if (n) this.logger.log({ reminded: n }, 'approval reminders sent');
      // Also: tasks still waiting on someone who left (a full sync deactivated them) move to their manager / HR.
      await this.engine.reassignTasksOfLeavers();
      return n;
    } catch (err) {
      this.logger.error({ err }, 'approval reminder pass failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
