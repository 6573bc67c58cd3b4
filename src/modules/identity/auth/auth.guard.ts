import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { RequestContext } from '../../../common/context/request-context';
import { Actor } from '../actor';
import { ForbiddenError, Policy } from '../policy/policy';
import { PERMISSION_KEY, PUBLIC_KEY, RoutePermission } from '../policy/permission.decorator';
import { IdentityErrorCode, PasswordChangeRequiredError, RouteWithoutPermissionError, UnauthenticatedError, UserDisabledError } from '../identity.errors';
import { AuthService } from './auth.service';
import type { AccessClaims } from './token.service';

/** Access tokens whose signature was checked, kept for their remaining life; beyond it the oldest is dropped. */
const VERIFIED_KEPT = 10_000;

/**
 * Global guard: verifies the bearer access token (unless the route is
 * @Public), re-reads the user so that a disabled account, a changed password
 * (session version), an ended session (its refresh family revoked: logout,
 * reuse) or new roles and areas take effect at once, and checks the
 * route's declared permission. A route without a declaration is refused, so
 * forgetting one fails closed. (Login itself uses passport-local.)
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /**
   * The claims of access tokens already verified (HMAC, ~20-50 µs each), by the token's text, until they
   * expire: the keys are fixed for the life of the process, so a token's signature checks the same every
   * time. Only tokens that passed verification are kept; the account is still read on every request.
   */
  private readonly verified = new Map<string, AccessClaims & { exp: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly policy: Policy,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<RoutePermission | 'authenticated' | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      throw new RouteWithoutPermissionError();
    }
    const req = ctx.switchToHttp().getRequest<Request & { user?: Actor }>();
    const { mustChangePassword, ...actor } = await this.authenticate(req.headers.authorization);
    req.user = actor;
    const store = RequestContext.current();
    if (store) store.actor = { id: actor.id!, roles: actor.roles };
    // A password someone else chose (the first administrator's): only one's own profile and password until it is changed.
    if (mustChangePassword && permission !== 'authenticated') {
      throw new PasswordChangeRequiredError();
    }
    if (permission !== 'authenticated' && !this.policy.mayEver(actor, permission.action, permission.subject)) {
      throw new ForbiddenError(permission.action, permission.subject);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor & { mustChangePassword: boolean }> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token)
      throw new UnauthenticatedError(IdentityErrorCode.Unauthenticated, 'Inicia sesión: envía el encabezado Authorization: Bearer <token de acceso>.');
    const known = this.verified.get(token);
    // Expired from the second `exp` names on, as jsonwebtoken decides: then verified again, to be refused as such.
    const claims = known && Math.floor(Date.now() / 1000) < known.exp ? known : await this.verify(token);
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.fam !== 'string') {
      throw new UnauthenticatedError(IdentityErrorCode.TokenInvalid, 'El token de acceso no es válido; inicia sesión de nuevo.');
    }
    const user = await this.auth.findAccessUser(claims.sub, claims.fam);
    if (!user || !user.active) {
      throw new UserDisabledError();
    }
    if (user.sessionVersion !== claims.sv) {
      throw new UnauthenticatedError(IdentityErrorCode.SessionRevoked, 'Tu sesión se cerró (cambio de contraseña o de permisos); inicia sesión de nuevo.');
    }
    if (user.sessionEnded) {
      throw new UnauthenticatedError(
        IdentityErrorCode.SessionRevoked,
        'Esta sesión se cerró (cierre de sesión o token de renovación reutilizado); inicia sesión de nuevo.',
      );
    }
    return {
      id: user.id,
      email: user.email,
      roles: user.roles,
      areaIds: user.areaIds,
      institutionId: user.institutionId,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private async verify(token: string): Promise<AccessClaims> {
    this.verified.delete(token);
    let claims: AccessClaims & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & { exp?: unknown }>(token, { algorithms: ['HS256'] });
    } catch (err) {
      if ((err as { name?: string }).name === 'TokenExpiredError') {
        throw new UnauthenticatedError(IdentityErrorCode.TokenExpired, 'Tu sesión expiró; renueva el token en /api/v1/auth/refresh o inicia sesión de nuevo.');
      }
      throw new UnauthenticatedError(IdentityErrorCode.TokenInvalid, 'El token de acceso no es válido; inicia sesión de nuevo.');
    }
    if (typeof claims.exp === 'number') {
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, claims as AccessClaims & { exp: number });
    }
    return claims;
  }
}
