import { Injectable } from '@nestjs/common';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import {
  AdminLoginResponse, AdminUserView, EmployeeProfile, ErrorCode, PlatformLoginResponse, TokenPair,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import type { SessionUser } from '../../common/auth/auth.types';
import { verifyPassword } from '../../common/crypto/password';
import { ConnectorsService } from '../integrations/connectors.service';
import { PlatformBinding } from '../integrations/entities/platform-binding.entity';
import { EmployeeIdentity } from '../org/entities/employee-identity.entity';
import { Employee } from '../org/entities/employee.entity';
import { employeeRoles, OrgService } from '../org/org.service';
import { Tenant } from '../tenants/tenant.entity';
import { AdminLoginDto, PlatformLoginDto } from './dto/auth.dto';
import { AdminUser } from './entities/admin-user.entity';
import { TokensService } from './tokens.service';
import { LOCK_MINUTES, lockedMessage, lockState, MAX_FAILED_LOGINS } from './domain/lockout';
import { AuditService } from '../../common/audit/audit.service';
import { Transactions } from '../../database/transactions';

// Verified when the username is unknown, so both paths cost one scrypt.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly connectors: ConnectorsService,
    private readonly tokens: TokensService,
    private readonly org: OrgService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  /** The binding a mini-program login is for: by corpId, else the only enabled binding of that platform. */
  private async findBinding(dto: PlatformLoginDto): Promise<PlatformBinding> {
    const repo = this.ds.getRepository(PlatformBinding);
    if (dto.corpId) {
      const b = await repo.findOneBy({ platform: dto.platform, corpId: dto.corpId });
      if (!b || !b.enabled) throw new AppError(ErrorCode.PLATFORM_NOT_BOUND, undefined, { platform: dto.platform, corpId: dto.corpId });
      return b;
    }
    const all = await repo.findBy({ platform: dto.platform, enabled: true });
    if (all.length === 0) throw new AppError(ErrorCode.PLATFORM_NOT_BOUND, undefined, { platform: dto.platform });
    if (all.length > 1) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '该平台绑定了多个企业，请提供 corpId', { fields: { corpId: ['该平台绑定了多个企业，请提供 corpId'] } });
    }
    return all[0];
  }

  async platformLogin(dto: PlatformLoginDto): Promise<PlatformLoginResponse> {
    const binding = await this.findBinding(dto);
    const who = await this.connectors.forBinding(binding).exchangeAuthCode(dto.code);
    if (who.corpId && who.corpId !== binding.corpId) {
      throw new AppError(ErrorCode.PLATFORM_NOT_BOUND, undefined, { platform: binding.platform, corpId: who.corpId });
    }
    const identities = this.ds.getRepository(EmployeeIdentity);
    let identity: EmployeeIdentity | null = null;
    if (who.userId) identity = await identities.findOneBy({ bindingId: binding.id, platformUserId: who.userId });
    if (!identity && who.openId) identity = await identities.findOneBy({ bindingId: binding.id, openId: who.openId });
    if (!identity && who.unionId) identity = await identities.findOneBy({ bindingId: binding.id, unionId: who.unionId });
    const employee = identity ? await this.ds.getRepository(Employee).findOneBy({ id: identity.employeeId, tenantId: binding.tenantId }) : null;
    if (!employee) throw new AppError(ErrorCode.EMPLOYEE_NOT_SYNCED);
    if (employee.status === 'left') throw new AppError(ErrorCode.EMPLOYEE_LEFT);
    const pair = await this.tokens.issue({
      kind: 'employee', id: employee.id, tenantId: binding.tenantId, roles: employeeRoles(employee), platform: binding.platform,
    });
    return { ...pair, employee: await this.org.profile(binding.tenantId, employee.id, binding.platform) };
  }

  /**
   * Username + password. MAX_FAILED_LOGINS wrong passwords in a row lock the account for LOCK_MINUTES: every log-in is
   * then refused (RATE_LIMITED, `details.retryAfterSeconds`) before the password is checked. Each attempt claims a
   * place in the count before its password is checked (one conditional UPDATE), so guesses sent in parallel get no
   * more tries than guesses sent one by one. Kept on the account row: it holds across server processes. A success
   * clears the count. (A locked account answers differently from an unknown name: accepted, so the real user is told
   * why they cannot log in.)
   */
  async adminLogin(dto: AdminLoginDto): Promise<AdminLoginResponse> {
    const repo = this.ds.getRepository(AdminUser);
    const user = await repo.findOneBy({ username: dto.username.trim() });
    if (user && !(await this.claimAttempt(user.id))) {
      const fresh = await repo.findOneBy({ id: user.id });
      const lock = lockState(fresh?.lockedUntil ? new Date(fresh.lockedUntil) : null, new Date());
      const wait = lock.locked ? lock.retryAfterSeconds : LOCK_MINUTES * 60;
      throw new AppError(ErrorCode.RATE_LIMITED, lockedMessage(wait), { retryAfterSeconds: wait });
    }
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? DUMMY_HASH);
    if (user && !ok) await this.lockIfDue(user);
    if (!user || !ok) throw new AppError(ErrorCode.AUTH_BAD_CREDENTIALS);
    await this.tx.run((m) => m.update(AdminUser, { id: user.id }, { failedLogins: 0, lockedUntil: null }));
    const pair = await this.tokens.issue({ kind: 'admin', id: user.id, tenantId: user.tenantId, roles: [user.role], platform: null });
    return { ...pair, user: await this.adminView(user) };
  }

  /** Counts the attempt unless the account is locked or its MAX_FAILED_LOGINS places are taken: false = refuse. */
  private async claimAttempt(id: string): Promise<boolean> {
    const res = await this.tx.run((m) => m.createQueryBuilder().update(AdminUser)
      .set({ failedLogins: () => 'failedLogins + 1' })
      .where('id = :id AND failedLogins < :max AND (lockedUntil IS NULL OR lockedUntil <= :now)', { id, max: MAX_FAILED_LOGINS, now: new Date() })
      .execute());
    return (res.affected ?? 0) > 0;
  }

  /** After a wrong password: the attempt that filled the last place locks the account (and frees the places). */
  private async lockIfDue(user: AdminUser): Promise<void> {
    const res = await this.tx.run((m) => m.update(AdminUser, { id: user.id, failedLogins: MoreThanOrEqual(MAX_FAILED_LOGINS) },
      { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) }));
    if (res.affected) {
      await this.audit.record({ kind: 'system', id: null, tenantId: user.tenantId }, 'admin-user.locked', { type: 'admin-user', id: user.id },
        { username: user.username, failedLogins: MAX_FAILED_LOGINS, minutes: LOCK_MINUTES });
    }
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const row = await this.tokens.consume(refreshToken);
    if (row.subjectKind === 'admin') {
      const user = await this.ds.getRepository(AdminUser).findOneBy({ id: row.subjectId, tenantId: row.tenantId });
      if (!user) throw new AppError(ErrorCode.AUTH_REFRESH_INVALID);
      return this.tokens.issue({ kind: 'admin', id: user.id, tenantId: user.tenantId, roles: [user.role], platform: null }, row.familyId);
    }
    const e = await this.ds.getRepository(Employee).findOneBy({ id: row.subjectId, tenantId: row.tenantId });
    if (!e) throw new AppError(ErrorCode.AUTH_REFRESH_INVALID);
    if (e.status === 'left') {
      await this.tokens.revokeFamily(row.familyId);
      throw new AppError(ErrorCode.EMPLOYEE_LEFT);
    }
    return this.tokens.issue({ kind: 'employee', id: e.id, tenantId: e.tenantId, roles: employeeRoles(e), platform: row.platform }, row.familyId);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  async me(user: SessionUser): Promise<EmployeeProfile> {
    if (user.kind === 'employee') return this.org.profile(user.tenantId, user.id, user.platform);
    const admin = await this.ds.getRepository(AdminUser).findOneBy({ id: user.id, tenantId: user.tenantId });
    const employeeId = admin ? await this.linkedEmployeeId(admin) : null;
    if (!employeeId) throw new AppError(ErrorCode.NOT_FOUND, '该管理员账号未关联员工');
    return this.org.profile(user.tenantId, employeeId, null);
  }

  /** Links an admin account to its employee (by employee number) once the org has been synced. */
  private async linkedEmployeeId(admin: AdminUser): Promise<string | null> {
    if (admin.employeeId) return admin.employeeId;
    if (!admin.linkEmployeeNo) return null;
    const e = await this.ds.getRepository(Employee).findOneBy({ tenantId: admin.tenantId, employeeNo: admin.linkEmployeeNo });
    if (!e) return null;
    await this.ds.getRepository(AdminUser).update({ id: admin.id }, { employeeId: e.id, updatedAt: new Date() });
    admin.employeeId = e.id;
    return e.id;
  }

  private async adminView(u: AdminUser): Promise<AdminUserView> {
    const tenant = await this.ds.getRepository(Tenant).findOneByOrFail({ id: u.tenantId });
    return {
      id: u.id, username: u.username, displayName: u.displayName, role: u.role, tenantId: u.tenantId, tenantName: tenant.name,
      employeeId: await this.linkedEmployeeId(u),
    };
  }
}
