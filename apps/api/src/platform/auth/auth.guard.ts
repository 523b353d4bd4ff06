import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthorized } from '../errors/api-error.js';
import { ROLE_ADMIN } from './auth.types.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
import { TokenService } from './token.service.js';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const user = match ? this.tokens.verify(match[1]) : undefined;
    if (!user)
      throw unauthorized(match ? 'Your session has expired; sign in again.' : 'Sign in first.');
    req.user = user;
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (
      roles?.length &&
      !user.roles.includes(ROLE_ADMIN) &&
      !roles.some((r) => user.roles.includes(r))
    ) {
      throw forbidden(`This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
