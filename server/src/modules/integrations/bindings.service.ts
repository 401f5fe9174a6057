import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ERROR_MESSAGES, ErrorCode, maskSecret, PLATFORM_META, PlatformBindingView, Routes, TestConnectionResult,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../../common/audit/audit.service';
import type { SessionUser } from '../../common/auth/auth.types';
import { fromConnectorError, isConnectorError } from '../../common/errors/connector-errors';
import { isUniqueViolation } from '../../common/errors/exception.filter';
import { iso } from '../../common/dates';
import { Transactions } from '../../database/transactions';
import { Tenant } from '../tenants/tenant.entity';
import { ConnectorsService } from './connectors.service';
import { CreateBindingDto, UpdateBindingDto } from './dto/binding.dto';
import { PlatformBinding } from './entities/platform-binding.entity';

const SECRET_FIELDS = ['appSecret', 'callbackToken', 'callbackAesKey'] as const;
const PLAIN_FIELDS = ['corpId', 'appKey', 'agentId'] as const;

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** The tenant's org source: the chosen binding, else its first binding. */
export function orgSourceId(tenant: Tenant, bindings: PlatformBinding[]): string | null {
  if (tenant.orgSourceBindingId && bindings.some((b) => b.id === tenant.orgSourceBindingId)) return tenant.orgSourceBindingId;
  const first = [...bindings].sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())[0];
  return first?.id ?? null;
}

export function toBindingView(b: PlatformBinding, isOrgSource: boolean): PlatformBindingView {
  return {
    id: b.id, platform: b.platform, corpId: b.corpId, appKey: b.appKey, agentId: b.agentId,
    appSecretSet: !!b.appSecret, appSecretMasked: maskSecret(b.appSecret),
    callbackTokenSet: !!b.callbackToken, callbackAesKeySet: !!b.callbackAesKey,
    enabled: b.enabled, isOrgSource, todoEnabled: b.todoEnabled, callbackPath: Routes.callbacks.binding(b.platform, b.id),
    lastSyncAt: iso(b.lastSyncAt), lastSyncStatus: b.lastSyncStatus,
    createdAt: iso(b.createdAt)!, updatedAt: iso(b.updatedAt)!,
  };
}

@Injectable()
export class BindingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly connectors: ConnectorsService,
  ) {}

  async forTenant(tenantId: string): Promise<{ tenant: Tenant; bindings: PlatformBinding[]; sourceId: string | null }> {
    const tenant = await this.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const bindings = await this.ds.getRepository(PlatformBinding).find({ where: { tenantId }, order: { createdAt: 'ASC' } });
    return { tenant, bindings, sourceId: orgSourceId(tenant, bindings) };
  }

  async list(user: SessionUser): Promise<PlatformBindingView[]> {
    const { bindings, sourceId } = await this.forTenant(user.tenantId);
    return bindings.map((b) => toBindingView(b, b.id === sourceId));
  }

  async get(tenantId: string, id: string): Promise<PlatformBinding> {
    const b = isUuid(id) ? await this.ds.getRepository(PlatformBinding).findOneBy({ id, tenantId }) : null;
    if (!b) throw AppError.notFound('平台绑定');
    return b;
  }

  private checkRequired(b: PlatformBinding): void {
    const fields: Record<string, string[]> = {};
    for (const f of PLATFORM_META[b.platform].fields) {
      if (f.required && !b[f.key]) fields[f.key] = [`${f.label} 不能为空`];
    }
    if (Object.keys(fields).length) throw new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields });
  }

  private async assertUnique(b: PlatformBinding): Promise<void> {
    const other = await this.ds.getRepository(PlatformBinding).findOneBy({ platform: b.platform, corpId: b.corpId });
    if (other && other.id !== b.id) throw new AppError(ErrorCode.BINDING_DUPLICATE, undefined, { platform: b.platform, corpId: b.corpId });
  }

  private async save(user: SessionUser, b: PlatformBinding, makeSource: boolean | undefined, action: string, changed: string[]) {
    try {
      await this.tx.run(async (m) => {
        await m.save(b);
        const tenant = await m.findOneByOrFail(Tenant, { id: user.tenantId });
        if (makeSource || !tenant.orgSourceBindingId) {
          tenant.orgSourceBindingId = b.id;
          await m.save(tenant);
        }
        await this.audit.record(user, action, { type: 'platform_binding', id: b.id }, { platform: b.platform, corpId: b.corpId, changed }, m);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(ErrorCode.BINDING_DUPLICATE, undefined, { platform: b.platform, corpId: b.corpId });
      throw err;
    }
  }

  private async view(tenantId: string, id: string): Promise<PlatformBindingView> {
    const { bindings, sourceId } = await this.forTenant(tenantId);
    return toBindingView(bindings.find((x) => x.id === id)!, id === sourceId);
  }

  async create(user: SessionUser, dto: CreateBindingDto): Promise<PlatformBindingView> {
    const b = this.ds.getRepository(PlatformBinding).create({
      tenantId: user.tenantId, platform: dto.platform, corpId: dto.corpId.trim(), enabled: dto.enabled ?? true, todoEnabled: dto.todoEnabled ?? false,
      appKey: null, appSecret: null, agentId: null, callbackToken: null, callbackAesKey: null,
      lastSyncAt: null, lastSyncStatus: null, syncLeaseOwner: null, syncLeaseUntil: null,
    });
    for (const f of [...PLAIN_FIELDS, ...SECRET_FIELDS]) {
      const v = dto[f];
      if (typeof v === 'string' && v.trim() !== '') b[f] = v.trim();
    }
    this.checkRequired(b);
    await this.assertUnique(b);
    const changed = [...PLAIN_FIELDS, ...SECRET_FIELDS].filter((f) => b[f]);
    await this.save(user, b, dto.isOrgSource, 'binding.create', changed);
    return this.view(user.tenantId, b.id);
  }

  async update(user: SessionUser, id: string, dto: UpdateBindingDto): Promise<PlatformBindingView> {
    const b = await this.get(user.tenantId, id);
    if (dto.platform && dto.platform !== b.platform) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '不能修改绑定的平台', { fields: { platform: ['不能修改绑定的平台'] } });
    }
    const changed: string[] = [];
    for (const f of PLAIN_FIELDS) {
      const v = dto[f];
      if (v === undefined) continue;
      const next = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
      if (next !== b[f]) {
        (b as unknown as Record<string, string | null>)[f] = next;
        changed.push(f);
      }
    }
    for (const f of SECRET_FIELDS) {
      const v = dto[f];
      if (typeof v === 'string' && v.trim() !== '' && v.trim() !== b[f]) {
        b[f] = v.trim();
        changed.push(f);
      }
    }
    if (dto.enabled !== undefined && dto.enabled !== b.enabled) {
      b.enabled = dto.enabled;
      changed.push('enabled');
    }
    if (dto.todoEnabled !== undefined && dto.todoEnabled !== b.todoEnabled) {
      b.todoEnabled = dto.todoEnabled;
      changed.push('todoEnabled');
    }
    this.checkRequired(b);
    await this.assertUnique(b);
    if (changed.length) b.updatedAt = new Date();
    await this.save(user, b, dto.isOrgSource, 'binding.update', changed);
    return this.view(user.tenantId, b.id);
  }

  /** Gets an access token with the stored credentials. Never throws for platform failures: reports them. */
  async test(user: SessionUser, id: string): Promise<TestConnectionResult> {
    const b = await this.get(user.tenantId, id);
    const started = Date.now();
    try {
      const { latencyMs } = await this.connectors.forBinding(b).testConnection();
      return { ok: true, latencyMs, message: '连接成功' };
    } catch (err) {
      const appErr = isConnectorError(err) ? fromConnectorError(err) : err instanceof AppError ? err : null;
      if (!appErr) throw err;
      return {
        ok: false, latencyMs: Date.now() - started, message: appErr.message || ERROR_MESSAGES[appErr.code],
        details: { code: appErr.code, ...(appErr.details ?? {}) },
      };
    }
  }
}
