import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ErrorCode, isPlatform } from '@hrlink/shared';
import type { CallbackEvent as PlatformEvent, CallbackRequest, CallbackResponse, PlatformConnector } from '@hrlink/connectors';
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

/**
 * One endpoint per binding: verify + decrypt through the binding's connector, answer handshakes, de-duplicate events
 * by (binding, eventId), apply card clicks as the clicking employee's decision and contact changes as incremental
 * org updates. A refused callback (signature, key, tampering, timestamp) is logged and changes nothing.
 */
@Injectable()
export class CallbacksService implements OnModuleDestroy {
  private readonly logger = new Logger('Callbacks');
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing = false;

  onModuleDestroy(): void {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
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
        this.logger.warn({ bindingId, platform, reason: err.message }, 'callback rejected');
        throw new AppError(ErrorCode.CALLBACK_REJECTED, undefined, { reason: err.message });
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
    try {
      if (result.event.type === 'card_action') {
        const out = await this.cardAction(binding, result.event);
        status = out.ok ? 'applied' : 'failed';
        detail = out.message;
        response = connector.cardActionResponse({ ok: out.ok, message: out.message });
      } else if (result.event.type === 'contact_user') {
        const ids = [result.event.userId, ...(result.event.moreUserIds ?? [])];
        for (const id of ids) await this.applyUser(binding, id);
      } else if (result.event.type === 'contact_department') {
        await this.sync.syncBindingInBackground(binding);
      } else {
        status = 'ignored';
      }
    } catch (err) {
      status = 'failed';
      detail = (err as Error)?.message ?? String(err);
      this.logger.error({ err, bindingId, eventId: result.eventId }, 'callback event failed');
      if (result.event.type === 'card_action') response = connector.cardActionResponse({ ok: false, message: '处理失败，请在应用内重试' });
    }
    await repo.update({ id: row.id }, { status, detail: detail?.slice(0, 2000) ?? null, updatedAt: new Date() });
    return response;
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

function eventType(e: PlatformEvent): string {
  return e.type === 'other' ? `other:${e.eventType}`.slice(0, 64) : e.type;
}

function statusName(s: string): string {
  return ({ pending: '流转至下一审批人', approved: '审批通过', rejected: '已拒绝', withdrawn: '已撤回' } as Record<string, string>)[s] ?? s;
}
