import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { TokenBucket } from '@hrlink/connectors';
import type { ApprovalCard, CardRef, CardUpdate } from '@hrlink/connectors';
import { startInterval, stopInterval } from '../../common/scheduling/interval-job';
import { TypedConfig } from '../../config/typed-config';
import { isConnectorError } from '../../common/errors/connector-errors';
import { isDeadlock, isLockWaitTimeout, Transactions } from '../../database/transactions';
import { ConnectorsService } from '../integrations/connectors.service';
import { PlatformBinding } from '../integrations/entities/platform-binding.entity';
import { deliveryDelayMs, PERMANENT_KINDS } from './domain/backoff';
import { OutboxMessage } from './entities/outbox-message.entity';
import { asPlatformConnector } from './platform-connector';

const INTERVAL_NAME = 'outbox-dispatcher';
/** A card.update waiting for its card.send is looked at again after this. */
const BLOCKED_RECHECK_MS = 500;
const PARKED_RECHECK_MS = 60_000;

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Delivers outbox rows. Each round claims due rows with a lease (MySQL: SELECT … FOR UPDATE SKIP LOCKED in a
 * transaction, then the lease columns; SQLite: a conditional UPDATE of free / expired leases, read back by owner),
 * sends them through the binding's connector with the row's idempotency key (the platform's own de-duplication:
 * a row re-sent after a crash between "sent" and "recorded" does not make a second card), and records the answer.
 * Failures retry with exponential backoff + jitter; permanent ones and the N-th failure park the row as failed.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Dispatcher');
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private round = 0;
  private running: Promise<RoundResult> | null = null;
  private stopped = false;
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly config: TypedConfig,
    private readonly connectors: ConnectorsService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  private get cfg() {
    return this.config.get('delivery');
  }

  onApplicationBootstrap(): void {
    if (this.cfg.dispatcherEnabled) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.stopped = false;
    startInterval(this.scheduler, INTERVAL_NAME, this.cfg.intervalMs, () => this.tick());
  }

  /** Graceful stop: no new rounds; waits for the current one (its rows get recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    stopInterval(this.scheduler, INTERVAL_NAME);
    if (this.running) await this.running.catch(() => undefined);
  }

  private tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.dispatchOnce()
      .catch((err) => {
        this.logger.error({ err }, 'dispatch round failed');
        return { claimed: 0, sent: 0, retried: 0, failed: 0 };
      })
      .finally(() => (this.running = null));
  }

  /** One round: claim due rows, deliver them (bindings in parallel, each binding's rows in order). */
  async dispatchOnce(): Promise<RoundResult> {
    const rows = await this.claim();
    const result: RoundResult = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
    const byBinding = new Map<string, OutboxMessage[]>();
    for (const r of rows) byBinding.set(r.bindingId, [...(byBinding.get(r.bindingId) ?? []), r]);
    await Promise.all(
      [...byBinding.values()].map(async (list) => {
        for (const row of list) {
          const outcome = await this.deliver(row);
          result[outcome]++;
        }
      }),
    );
    return result;
  }

  // ----- claiming -----

  private dueWhere(now: Date) {
    return new Brackets((w) =>
      w.where('o.status IN (:...st)', { st: ['pending', 'sending'] })
        .andWhere('o.nextAttemptAt <= :now', { now })
        .andWhere(new Brackets((x) => x.where('o.leaseUntil IS NULL').orWhere('o.leaseUntil < :now', { now }))),
    );
  }

  /** card.update rows whose card.send is not sent yet are pushed back, not claimed. */
  private async splitBlocked(m: EntityManager, rows: { id: string; dependsOnId: string | null }[], now: Date): Promise<string[]> {
    const deps = [...new Set(rows.map((r) => r.dependsOnId).filter((x): x is string => !!x))];
    const depRows = deps.length ? await m.find(OutboxMessage, { where: { id: In(deps) }, select: { id: true, status: true } }) : [];
    const sent = new Set(depRows.filter((r) => r.status === 'sent').map((r) => r.id));
    const parked = new Set(depRows.filter((r) => r.status === 'failed').map((r) => r.id));
    const blocked = rows.filter((r) => r.dependsOnId && !sent.has(r.dependsOnId));
    // Waiting for a send in flight: look again shortly; for a send parked as failed: only now and then (an admin may retry it).
    for (const [ids, ms] of [
      [blocked.filter((r) => !parked.has(r.dependsOnId!)).map((r) => r.id), BLOCKED_RECHECK_MS],
      [blocked.filter((r) => parked.has(r.dependsOnId!)).map((r) => r.id), PARKED_RECHECK_MS],
    ] as const) {
      if (!ids.length) continue;
      await m.createQueryBuilder().update(OutboxMessage).set({ nextAttemptAt: new Date(now.getTime() + ms) })
        .where('id IN (:...ids)', { ids: [...ids] }).execute();
    }
    return rows.filter((r) => !blocked.includes(r)).map((r) => r.id);
  }

  /** Claims up to `batchSize` due rows for this instance; returns them (attempts already counted). */
  async claim(limit = this.cfg.batchSize): Promise<OutboxMessage[]> {
    const now = new Date();
    const owner = `${this.instanceId}:${++this.round}`;
    const lease = { status: 'sending' as const, leaseOwner: owner, leaseUntil: new Date(now.getTime() + this.cfg.leaseMs), updatedAt: now };
    if (this.ds.options.type === 'mysql') {
      const ids = await this.tx.run(async (m) => {
        await m.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED').catch(() => undefined);
        const rows: { id: string; dependsOnId: string | null }[] = await m.query(
          `SELECT id, dependsOnId FROM outbox_messages WHERE status IN ('pending','sending') AND nextAttemptAt <= ? ` +
            `AND (leaseUntil IS NULL OR leaseUntil < ?) ORDER BY nextAttemptAt, createdAt LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
          [now, now],
        );
        const ready = await this.splitBlocked(m, rows, now);
        if (ready.length) {
          await m.createQueryBuilder().update(OutboxMessage).set({ ...lease, attempts: () => 'attempts + 1' })
            .where('id IN (:...ids)', { ids: ready }).execute();
        }
        return ready;
      }).catch((err: unknown) => {
        // Two instances claiming at once may deadlock on the index (still, after tx.run's re-runs): this round claims
        // nothing, the next one retries.
        if (isDeadlock(err) || isLockWaitTimeout(err)) return [] as string[];
        throw err;
      });
      if (!ids.length) return [];
    } else {
      const rows = await this.ds.getRepository(OutboxMessage).createQueryBuilder('o').select(['o.id', 'o.dependsOnId'])
        .where(this.dueWhere(now)).orderBy('o.nextAttemptAt', 'ASC').addOrderBy('o.createdAt', 'ASC').take(limit).getMany();
      if (!rows.length) return [];
      const ready = await this.tx.run((m) => this.splitBlocked(m, rows, now));
      if (!ready.length) return [];
      await this.tx.run((m) =>
        m.createQueryBuilder().update(OutboxMessage).set({ ...lease, attempts: () => 'attempts + 1' })
          .where('id IN (:...ids)', { ids: ready })
          .andWhere('status IN (:...st)', { st: ['pending', 'sending'] })
          .andWhere(new Brackets((x) => x.where('leaseUntil IS NULL').orWhere('leaseUntil < :now', { now })))
          .execute(),
      );
    }
    return this.ds.getRepository(OutboxMessage).find({ where: { leaseOwner: owner, status: 'sending' }, order: { nextAttemptAt: 'ASC', createdAt: 'ASC' } });
  }

  // ----- sending -----

  /** The connectors' token bucket (burst = the rate), one per binding. */
  private bucket(bindingId: string): TokenBucket {
    let b = this.buckets.get(bindingId);
    if (!b) this.buckets.set(bindingId, (b = new TokenBucket(this.cfg.rpsPerBinding, Math.max(1, this.cfg.rpsPerBinding))));
    return b;
  }

  /**
   * Performs the platform call for a claimed row and returns what the platform answered, without recording it.
   * (Separate from `record` so tests can play a process that dies between the two.)
   */
  async send(row: OutboxMessage): Promise<{ ref: CardRef; sendRowRef?: CardRef }> {
    const binding = await this.ds.getRepository(PlatformBinding).findOneBy({ id: row.bindingId });
    if (!binding || !binding.enabled) throw Object.assign(new Error('平台绑定不存在或已停用'), { permanent: true });
    await this.bucket(binding.id).take();
    const c = asPlatformConnector(this.connectors.forBinding(binding));
    const p = row.payload as Record<string, unknown>;
    if (row.kind === 'card.send' || row.kind === 'notice.send') {
      const ref = row.kind === 'card.send' ? await c.sendCard(row.recipient, p.card as ApprovalCard) : await c.sendNotice(row.recipient, p.notice as never);
      // The platform dropped this send as a duplicate of one delivered earlier (DingTalk 143106): an earlier attempt of
      // this row delivered it and its ref was kept (below) even though the attempt died before `record` → that ref
      // (the live message) stays. Without one (the attempt died before even this write) the dropped ref is kept as
      // it is, flagged, and the connector's update sends the result as a new notice.
      if (ref.duplicateOfEarlier && row.platformRef && !row.platformRef.duplicateOfEarlier) {
        this.logger.warn({ outboxId: row.id, kept: row.platformRef.messageId, dropped: ref.messageId }, 'resend dropped by the platform as a duplicate: keeping the earlier ref');
        return { ref: row.platformRef };
      }
      // Kept at once, before `record` and while the row is still `sending`: a process dying now still leaves the
      // live message's ref for the resend after the lease lapses.
      await this.ds.getRepository(OutboxMessage).update({ id: row.id, leaseOwner: row.leaseOwner! }, { platformRef: ref as never, updatedAt: new Date() });
      return { ref };
    }
    // card.update: the card.send's latest ref (a WeCom click stores its fresh response code there).
    const send = row.dependsOnId ? await this.ds.getRepository(OutboxMessage).findOneBy({ id: row.dependsOnId }) : null;
    if (!send?.platformRef) throw Object.assign(new Error('原卡片尚未送达'), { permanent: false });
    const update = p.update as Omit<CardUpdate, 'card'>;
    const next = await c.updateCard(send.platformRef, row.recipient, { ...update, card: p.card as ApprovalCard });
    return { ref: next, sendRowRef: next };
  }

  /** Records a successful send (only while this instance still holds the row's lease). */
  async record(row: OutboxMessage, res: { ref: CardRef; sendRowRef?: CardRef }): Promise<void> {
    const now = new Date();
    await this.tx.run(async (m) => {
      await m.update(OutboxMessage, { id: row.id, leaseOwner: row.leaseOwner! }, {
        status: 'sent', platformRef: res.ref as never, sentAt: now, lastError: null, leaseOwner: null, leaseUntil: null, updatedAt: now,
      });
      if (res.sendRowRef && row.dependsOnId) {
        await m.update(OutboxMessage, { id: row.dependsOnId }, { platformRef: res.sendRowRef as never, updatedAt: now });
      }
    });
  }

  private async deliver(row: OutboxMessage): Promise<'sent' | 'retried' | 'failed'> {
    let res: { ref: CardRef; sendRowRef?: CardRef };
    try {
      res = await this.send(row);
    } catch (err) {
      return this.fail(row, err);
    }
    await this.record(row, res);
    return 'sent';
  }

  private async fail(row: OutboxMessage, err: unknown): Promise<'retried' | 'failed'> {
    const permanent = isConnectorError(err) ? PERMANENT_KINDS.has(err.kind) || err.permanent === true : !!(err as { permanent?: boolean })?.permanent;
    const message = isConnectorError(err)
      ? `${err.kind}: ${err.message}${err.platformCode !== undefined ? ` (${err.platformCode})` : ''}`
      : (err as Error)?.message ?? String(err);
    if (!isConnectorError(err) && (err as { permanent?: boolean })?.permanent === undefined) {
      this.logger.error({ err, outboxId: row.id }, 'delivery crashed');
    }
    const parked = permanent || row.attempts >= this.cfg.maxAttempts;
    const now = new Date();
    await this.ds.getRepository(OutboxMessage).update({ id: row.id, leaseOwner: row.leaseOwner! }, {
      status: parked ? 'failed' : 'pending', lastError: message.slice(0, 2000), leaseOwner: null, leaseUntil: null, updatedAt: now,
      nextAttemptAt: parked ? now : new Date(now.getTime() + deliveryDelayMs(row.attempts, this.cfg.backoffBaseMs, this.cfg.backoffMaxMs)),
    });
    this.logger.warn({ outboxId: row.id, kind: row.kind, platform: row.platform, attempts: row.attempts, parked, error: message }, 'delivery failed');
    return parked ? 'failed' : 'retried';
  }
}
