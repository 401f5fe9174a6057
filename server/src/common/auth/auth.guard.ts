import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { ErrorCode, Role } from '@hrlink/shared';
import { AppError } from '../errors/app-error';
import type { AccessTokenPayload, SessionUser } from './auth.types';
import { IS_PUBLIC, ROLES } from './decorators';

/** Global guard: Bearer access token on every route except @Public(); then @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
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
    req.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new AppError(ErrorCode.FORBIDDEN);
    }
    return true;
  }
}
