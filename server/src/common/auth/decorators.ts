import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@hrlink/shared';
import type { SessionUser } from './auth.types';

export const IS_PUBLIC = 'hrlink:public';
export const ROLES = 'hrlink:roles';

/** No session needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The session must hold one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated session (tenant always comes from here, never from the body). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionUser => {
  return ctx.switchToHttp().getRequest().user;
});
