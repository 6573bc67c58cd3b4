import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { Actor } from '../actor';
import { UnauthenticatedError } from './auth.errors';
import { AuthService } from './auth.service';
import type { AccessClaims } from './token.service';

/**
 * Bearer access tokens. The user is re-read on every request, so a disabled
 * account, a changed password (session version) or new roles and areas take
 * effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.get('JWT_SECRET'), algorithms: ['HS256'] });
  }

  async validate(claims: AccessClaims): Promise<Actor> {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') {
      throw new UnauthenticatedError('TOKEN_INVALID', 'El token de acceso no es válido; inicia sesión de nuevo.');
    }
    const user = await this.auth.findSessionUser('id', claims.sub);
    if (!user || !user.active) {
      throw new UnauthenticatedError('USER_DISABLED', 'Tu cuenta está desactivada; pide al administrador que la reactive.');
    }
    if (user.sessionVersion !== claims.sv) {
      throw new UnauthenticatedError('SESSION_REVOKED', 'Tu sesión se cerró (cambio de contraseña o de permisos); inicia sesión de nuevo.');
    }
    return { id: user.id, email: user.email, roles: user.roles, areaIds: user.areaIds };
  }
}
