import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { RequestContext } from '../../../common/context/request-context';
import { DomainError } from '../../../common/errors/domain-error';
import { Actor } from '../actor';
import { ForbiddenError, Policy } from '../policy/policy';
import { PERMISSION_KEY, PUBLIC_KEY, RoutePermission } from '../policy/permission.decorator';
import { UnauthenticatedError } from './auth.errors';

const JwtGuard = AuthGuard('jwt');

/**
 * Global guard: authenticates the bearer token (unless the route is @Public)
 * and checks the route's declared permission. A route without a declaration
 * is refused, so forgetting one fails closed.
 */
@Injectable()
export class AccessGuard extends JwtGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: Policy,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<RoutePermission | 'authenticated' | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      throw new DomainError('ROUTE_WITHOUT_PERMISSION', 'Esta ruta no declara permisos; se rechaza por seguridad.', 'forbidden');
    }
    await super.canActivate(ctx);
    const actor = ctx.switchToHttp().getRequest<{ user: Actor }>().user;
    const store = RequestContext.current();
    if (store) store.actor = { id: actor.id!, roles: actor.roles };
    if (permission !== 'authenticated' && !this.policy.mayEver(actor, permission.action, permission.subject)) {
      throw new ForbiddenError(permission.action, permission.subject);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      const name = (info as { name?: string } | undefined)?.name;
      if (name === 'TokenExpiredError') {
        throw new UnauthenticatedError('TOKEN_EXPIRED', 'Tu sesión expiró; renueva el token en /api/v1/auth/refresh o inicia sesión de nuevo.');
      }
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError') {
        throw new UnauthenticatedError('TOKEN_INVALID', 'El token de acceso no es válido; inicia sesión de nuevo.');
      }
      throw new UnauthenticatedError('UNAUTHENTICATED', 'Inicia sesión: envía el encabezado Authorization: Bearer <token de acceso>.');
    }
    return user;
  }
}
