import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ErrorCode, Role } from '@hrlink/shared';
import { AppError } from '../errors/app-error';
import type { AccessTokenPayload, SessionUser } from './auth.types';
import { IS_PUBLIC, ROLES } from './decorators';
import { EmployeeStatusCache } from './employee-status';

/**
 * Global guard: Bearer access token on every route except @Public(); then @Roles().
 * Employee sessions also need the employee to be active (EmployeeStatusCache: a primary-key lookup remembered 10 s,
 * dropped at once by the org events that change a status), so someone who left (sync or contact event) is refused
 * with EMPLOYEE_LEFT (403) right away instead of when the 15-minute access token expires.
 */
const VERIFIED_MAX = 50_000;

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new Map<string, AccessTokenPayload & { exp?: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly statuses: EmployeeStatusCache,
  ) {}

  /**
   * The token's payload. A token whose signature was checked before is remembered until it expires (it cannot change:
   * it is signed), so the HMAC and JSON work happen once per token, not once per request.
   */
  private async verify(token: string): Promise<AccessTokenPayload> {
    const hit = this.verified.get(token);
    if (hit && (hit.exp ?? 0) * 1000 > Date.now()) return hit;
    let payload: AccessTokenPayload & { exp?: number };
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload & { exp?: number }>(token);
    } catch (err) {
      if (err instanceof TokenExpiredError) throw new AppError(ErrorCode.TOKEN_EXPIRED);
      throw new AppError(ErrorCode.UNAUTHENTICATED);
    }
    if (payload?.exp) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, payload);
    }
    return payload;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new AppError(ErrorCode.UNAUTHENTICATED);
    const payload = await this.verify(match[1]);
    if (!payload?.sub || !payload.tid || (payload.kind !== 'employee' && payload.kind !== 'admin')) {
      throw new AppError(ErrorCode.UNAUTHENTICATED);
    }
    const user: SessionUser = {
      kind: payload.kind,
      id: payload.sub,
      tenantId: payload.tid,
      roles: payload.roles ?? [],
      platform: payload.platform ?? null,
    };
    if (user.kind === 'employee') {
      if (!(await this.statuses.isActive(user.tenantId, user.id))) throw new AppError(ErrorCode.EMPLOYEE_LEFT);
    }
    req.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new AppError(ErrorCode.FORBIDDEN);
    }
    return true;
  }
}
