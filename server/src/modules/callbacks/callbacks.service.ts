import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { ErrorCode, isPlatform } from '@hrlink/shared';
import { backoffMs } from '@hrlink/connectors';
import type { CallbackEvent as PlatformEvent, CallbackRequest, CallbackResponse, PlatformConnector } from '@hrlink/connectors';
import { TypedConfig } from '../../config/typed-config';
import { AppError } from '../../common/errors/app-error';
import { isConnectorError } from '../../common/errors/connector-errors';
import { isUniqueViolation } from '../../common/errors/exception.filter';
import { APPROVAL_ACTIONS, ApprovalActions } from '../approvals/approval-events';
import { ConnectorsService } from '../integrations/connectors.service';
import { PlatformBinding } from '../integrations/entities/platform-binding.entity';
import { SyncService } from '../integrations/sync.service';
import { parseButtonValue } from '../notifications/domain/links';
import { OutboxMessage } from '../notifications/entities/outbox-message.entity';
import { asPlatformConnector } from '../notifications/platform-connector';
import { EmployeeIdentity } from '../org/entities/employee-identity.entity';
import { CallbackEvent } from './entities/callback-event.entity';

/** The reason recorded when someone presses 拒绝 on a card (cards carry no input box). */
export const CARD_REJECT_REASON = '通过卡片拒绝';

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** What a contact event asks for, kept on the event row so a failed application can be retried. */
type ContactWork = { userIds: string[] } | { department: true };

const RETRY_CAP_MS = 5 * 60_000;
/** A claimed retry holds the row this long; a process dying mid-retry leaves it due again after it. */
const RETRY_LEASE_MS = 2 * 60_000;

/**
 * One endpoint per binding: verify + decrypt through the binding's connector, answer handshakes, de-duplicate events
 * by (binding, eventId), apply card clicks as the clicking employee's decision and contact changes as incremental
 * org updates. A refused callback (signature, key, tampering, timestamp) is logged and changes nothing.
 */
@Injectable()
export class CallbacksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Callbacks');
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retrying: Promise<number> | null = null;

  onApplicationBootstrap(): void {
    const { retryIntervalMs } = this.config.get('callbacks');
    this.retryTimer = setInterval(() => void this.retryDue().catch((err) => this.logger.error({ err }, 'callback retry pass failed')), retryIntervalMs);
    this.retryTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.retrying?.catch(() => undefined);
  }

  /**
   * A person added on a non-source platform may be announced before the org source created the employee: unmatched
   * users are looked at again a little later (1 s, 4 s, 16 s); the next full sync links any still left.
   */
  private async applyUser(binding: PlatformBinding, userId: string, attempt = 0): Promise<void> {
    const counts = await this.sync.applyUserChange(binding, userId);
    if (!counts.unmatched || attempt >= 3 || this.closing) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.closing) return;
      this.applyUser(binding, userId, attempt + 1).catch((err) => this.logger.warn({ err: (err as Error).message, userId }, 'incremental org update retry failed'));
    }, 1000 * 4 ** attempt);
    t.unref();
    this.timers.add(t);
  }

  constructor(
    private readonly ds: DataSource,
    private readonly connectors: ConnectorsService,
    private readonly sync: SyncService,
    private readonly moduleRef: ModuleRef,
    private readonly config: TypedConfig,
  ) {}

  private actions(): ApprovalActions | null {
    try {
      return this.moduleRef.get<ApprovalActions>(APPROVAL_ACTIONS as never, { strict: false });
    } catch {
      return null;
    }
  }

  async handle(platform: string, bindingId: string, req: CallbackRequest): Promise<CallbackResponse> {
    const binding = isPlatform(platform) && isUuid(bindingId)
      ? await this.ds.getRepository(PlatformBinding).findOneBy({ id: bindingId, platform })
      : null;
    if (!binding) throw new AppError(ErrorCode.CALLBACK_UNKNOWN_BINDING);
    let connector: PlatformConnector;
    try {
      connector = asPlatformConnector(this.connectors.forBinding(binding));
    } catch (err) {
      this.logger.warn({ bindingId, err: (err as Error).message }, 'callback refused: binding cannot verify callbacks');
      throw new AppError(ErrorCode.CALLBACK_REJECTED);
    }
    let result: ReturnType<PlatformConnector['handleCallback']>;
    try {
      result = connector.handleCallback(req);
    } catch (err) {
      if (isConnectorError(err)) {
        // The reason is for our log only: telling the caller which check failed helps a forger.
        this.logger.warn({ bindingId, platform, reason: err.message }, 'callback rejected');
        throw new AppError(ErrorCode.CALLBACK_REJECTED);
      }
      throw err;
    }
    if (result.kind === 'handshake') return result.response;

    // De-duplicate: the first writer of (binding, eventId) applies it; a replay is acknowledged only.
    const repo = this.ds.getRepository(CallbackEvent);
    const row = repo.create({
      tenantId: binding.tenantId, bindingId: binding.id, platform: binding.platform, eventId: result.eventId.slice(0, 191),
      eventType: eventType(result.event), status: 'received', detail: null,
    });
    try {
      await repo.insert(row);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      this.logger.log({ bindingId, eventId: result.eventId }, 'duplicate callback acknowledged, not applied');
      return result.event.type === 'card_action' ? connector.cardActionResponse({ ok: true, message: '已处理' }) : result.response;
    }

    let response = result.response;
    let status = 'applied';
    let detail: string | null = null;
    const work = contactWork(result.event);
    try {
      if (result.event.type === 'card_action') {
        const out = await this.cardAction(binding, result.event);
        status = out.ok ? 'applied' : 'failed';
        detail = out.message;
        response = connector.cardActionResponse({ ok: out.ok, message: out.message });
      } else if (work) {
        await this.applyWork(binding, work);
      } else {
        status = 'ignored';
      }
    } catch (err) {
      detail = (err as Error)?.message ?? String(err);
      this.logger.error({ err, bindingId, eventId: result.eventId }, 'callback event failed');
      if (result.event.type === 'card_action') response = connector.cardActionResponse({ ok: false, message: '处理失败，请在应用内重试' });
      if (work) {
        // The platform is told "success" (it would otherwise retry on its own schedule, or give up): we keep the
        // change and apply it again with backoff (retryDue), so it is not lost until the nightly sync.
        await repo.update({ id: row.id }, {
          status: 'retrying', detail: detail.slice(0, 2000), payload: JSON.stringify(work), attempts: 1,
          nextAttemptAt: new Date(Date.now() + this.retryDelay(1)), updatedAt: new Date(),
        });
        return response;
      }
      status = 'failed';
    }
    await repo.update({ id: row.id }, { status, detail: detail?.slice(0, 2000) ?? null, attempts: 1, updatedAt: new Date() });
    return response;
  }

  private async applyWork(binding: PlatformBinding, work: ContactWork): Promise<void> {
    if ('department' in work) {
      await this.sync.syncBindingInBackground(binding);
      return;
    }
    for (const id of work.userIds) await this.applyUser(binding, id);
    // Someone who left keeps no open approval task: the engine transfers them to their manager / HR.
    await this.actions()?.reassignTasksOfLeavers(binding.tenantId).catch((err) => this.logger.error({ err }, 'reassigning leavers\' tasks failed'));
  }

  private retryDelay(attempts: number): number {
    return backoffMs(attempts - 1, undefined, Math.random, this.config.get('callbacks').retryBaseMs, RETRY_CAP_MS);
  }

  /**
   * One pass of the retry job: contact events whose application failed and are due are claimed (conditional UPDATE on
   * status + attempts, so one instance takes each) and applied again; success → `applied`, failure → due again with
   * backoff, or `failed` after CALLBACK_RETRY_MAX_ATTEMPTS applications (the nightly full sync still repairs it).
   */
  retryDue(now = new Date()): Promise<number> {
    if (this.retrying || this.closing) return this.retrying ?? Promise.resolve(0);
    const p = this.retryPass(now).finally(() => {
      this.retrying = null;
    });
    this.retrying = p;
    return p;
  }

  private async retryPass(now: Date): Promise<number> {
    const repo = this.ds.getRepository(CallbackEvent);
    const due = await repo.find({ where: { status: 'retrying', nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC' }, take: 20 });
    if (!due.length) return 0;
    const bindings = new Map(
      (await this.ds.getRepository(PlatformBinding).findBy({ id: In([...new Set(due.map((r) => r.bindingId))]) })).map((b) => [b.id, b]),
    );
    const { retryMaxAttempts } = this.config.get('callbacks');
    let applied = 0;
    for (const row of due) {
      if (this.closing) break;
      const claimed = await repo
        .createQueryBuilder()
        .update(CallbackEvent)
        .set({ attempts: row.attempts + 1, nextAttemptAt: new Date(Date.now() + RETRY_LEASE_MS), updatedAt: new Date() })
        .where('id = :id AND status = :s AND attempts = :a', { id: row.id, s: 'retrying', a: row.attempts })
        .execute();
      if (!claimed.affected) continue;
      const attempts = row.attempts + 1;
      const binding = bindings.get(row.bindingId);
      let work: ContactWork | null = null;
      try {
        work = row.payload ? (JSON.parse(row.payload) as ContactWork) : null;
      } catch {
        work = null;
      }
      if (!binding || !work) {
        await repo.update({ id: row.id }, { status: 'failed', detail: 'binding or payload gone', nextAttemptAt: null, updatedAt: new Date() });
        continue;
      }
      try {
        await this.applyWork(binding, work);
        await repo.update({ id: row.id }, { status: 'applied', detail: null, payload: null, nextAttemptAt: null, updatedAt: new Date() });
        this.logger.log({ bindingId: row.bindingId, eventId: row.eventId, attempts }, 'callback event applied on retry');
        applied++;
      } catch (err) {
        const last = attempts >= retryMaxAttempts;
        await repo.update({ id: row.id }, {
          status: last ? 'failed' : 'retrying', detail: ((err as Error)?.message ?? String(err)).slice(0, 2000),
          nextAttemptAt: last ? null : new Date(Date.now() + this.retryDelay(attempts)), updatedAt: new Date(),
        });
        this.logger.warn({ bindingId: row.bindingId, eventId: row.eventId, attempts, last, err: (err as Error)?.message }, 'callback event retry failed');
      }
    }
    return applied;
  }

  /** A card button: the task from the value, the employee from the clicking platform user, the engine decides. */
  private async cardAction(binding: PlatformBinding, e: Extract<PlatformEvent, { type: 'card_action' }>): Promise<{ ok: boolean; message: string }> {
    const parsed = parseButtonValue(e.value ?? '');
    if (!parsed) return { ok: false, message: '无法识别的操作' };
    const idRepo = this.ds.getRepository(EmployeeIdentity);
    const ident =
      (e.userId ? await idRepo.findOneBy({ bindingId: binding.id, platformUserId: e.userId }) : null) ??
      (e.openId ? await idRepo.findOneBy({ bindingId: binding.id, openId: e.openId }) : null);
    if (!ident) return { ok: false, message: '未找到你的员工账号，请联系 HR' };

    // WeCom: the click carries a fresh single-use response code: store it on the card first so its update can use it.
    if (e.responseCode && binding.platform === 'wecom') {
      const send = await this.ds.getRepository(OutboxMessage).findOneBy({ taskId: parsed.taskId, bindingId: binding.id, kind: 'card.send' });
      if (send?.platformRef) {
        await this.ds.getRepository(OutboxMessage).update({ id: send.id }, { platformRef: { ...send.platformRef, responseCode: e.responseCode } as never, updatedAt: new Date() });
      }
    }

    const actions = this.actions();
    if (!actions) return { ok: false, message: '审批服务暂不可用' };
    try {
      const r = await actions.actOnTask({
        tenantId: binding.tenantId, taskId: parsed.taskId, actorEmployeeId: ident.employeeId, action: parsed.action,
        comment: parsed.action === 'reject' ? CARD_REJECT_REASON : undefined, via: 'card', platform: binding.platform,
      });
      return { ok: true, message: parsed.action === 'approve' ? `已同意（${statusName(r.instanceStatus)}）` : '已拒绝' };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, message: err.message };
      throw err;
    }
  }
}

function contactWork(e: PlatformEvent): ContactWork | null {
  if (e.type === 'contact_user') return { userIds: [e.userId, ...(e.moreUserIds ?? [])] };
  if (e.type === 'contact_department') return { department: true };
  return null;
}

function eventType(e: PlatformEvent): string {
  return e.type === 'other' ? `other:${e.eventType}`.slice(0, 64) : e.type;
}

function statusName(s: string): string {
  return ({ pending: '流转至下一审批人', approved: '审批通过', rejected: '已拒绝', withdrawn: '已撤回' } as Record<string, string>)[s] ?? s;
}
