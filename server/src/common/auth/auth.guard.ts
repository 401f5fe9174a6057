import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { ErrorCode, Role } from '@hrlink/shared';
import { AppError } from '../errors/app-error';
import { Employee } from '../../modules/org/entities/employee.entity';
import type { AccessTokenPayload, SessionUser } from './auth.types';
import { IS_PUBLIC, ROLES } from './decorators';

/**
 * Global guard: Bearer access token on every route except @Public(); then @Roles().
 * Employee sessions also need the employee to be active: one primary-key lookup (`SELECT id, status FROM employees
 * WHERE id = ? AND tenantId = ?`) per request — the hot path's only query, no cache, so someone who left (sync or
 * contact event) is refused with EMPLOYEE_LEFT (403) at once instead of when the 15-minute access token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly ds: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new AppError(ErrorCode.UNAUTHENTICATED);
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(match[1]);
    } catch (err) {
      if (err instanceof TokenExpiredError) throw new AppError(ErrorCode.TOKEN_EXPIRED);
      throw new AppError(ErrorCode.UNAUTHENTICATED);
    }
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
      const e = await this.ds.getRepository(Employee).findOne({ where: { id: user.id, tenantId: user.tenantId }, select: { id: true, status: true } });
      if (!e || e.status !== 'active') throw new AppError(ErrorCode.EMPLOYEE_LEFT);
    }
    req.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new AppError(ErrorCode.FORBIDDEN);
    }
    return true;
  }
}
