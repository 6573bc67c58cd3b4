import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../../../database/prepared';
import { Clock } from '../../../common/clock';
import { returning } from '../../../common/db/returning';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { UnitOfWork } from '../../../database/unit-of-work';
import { Actor } from '../actor';
import { assertPasswordPolicy, decoyHash, hashPassword, verifyPassword } from '../passwords';
import type { Role } from '../identity.types';
import { InvalidCredentialsError, UnauthenticatedError } from './auth.errors';
import { LoginThrottleService } from './login-throttle.service';
import { TokenPair, TokenService } from './token.service';

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  areaIds: string[];
  institutionId: string;
  active: boolean;
  sessionVersion: number;
  /** A password someone else chose (npm run setup): only one's own profile and password until it is changed. */
  mustChangePassword: boolean;
}

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
  ) {}

  async findSessionUser(where: 'id' | 'email', value: string): Promise<(SessionUser & { passwordHash: string | null }) | undefined> {
    // Prepared: every login and refresh runs this.
    const rows = await preparedQuery<SessionUser & { passwordHash: string | null }>(
      this.ds,
      `SELECT u.id, u.email, u.full_name AS "fullName", u.roles, u.institution_id AS "institutionId", u.active, u.session_version AS "sessionVersion",
              u.password_hash AS "passwordHash", u.must_change_password AS "mustChangePassword",
              COALESCE(json_agg(ua.area_id ORDER BY ua.area_id) FILTER (WHERE ua.area_id IS NOT NULL), '[]') AS "areaIds"
         FROM users u LEFT JOIN user_areas ua ON ua.user_id = u.id
        WHERE u.${where === 'id' ? 'id' : 'email'} = $1
        GROUP BY u.id`,
      [where === 'email' ? value.toLowerCase().trim() : value],
    );
    return rows[0];
  }

  /** The user behind an access token, and whether the token's session (refresh family) was ended. One round trip. */
  async findAccessUser(id: string, familyId: string): Promise<(SessionUser & { sessionEnded: boolean; mustChangePassword: boolean }) | undefined> {
    const rows = await preparedQuery<SessionUser & { sessionEnded: boolean; mustChangePassword: boolean }>(
      this.ds,
      `SELECT u.id, u.email, u.full_name AS "fullName", u.roles, u.institution_id AS "institutionId", u.active, u.session_version AS "sessionVersion",
              u.must_change_password AS "mustChangePassword",
              ARRAY(SELECT ua.area_id FROM user_areas ua WHERE ua.user_id = u.id ORDER BY ua.area_id) AS "areaIds",
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS "sessionEnded"
         FROM users u
        WHERE u.id = $1`,
      [id, familyId],
    );
    return rows[0];
  }

  /** The passport-local check: throttled, constant-time for unknown accounts. */
  async validateCredentials(email: string, password: string, meta: RequestMeta): Promise<SessionUser> {
    const normalized = email.toLowerCase().trim();
    // Counted before verifying (a failure unless given back on success): concurrent guesses cannot outrun the lockout.
    await this.throttle.reserve(normalized, meta.ip);
    const user = await this.findSessionUser('email', normalized);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    // A disabled account answers the same whatever the password (and the attempt counts): the answer never confirms one.
    if (user && !user.active) {
      throw new UnauthenticatedError('USER_DISABLED', 'Tu cuenta está desactivada; pide al administrador que la reactive.');
    }
    if (!user || !ok || !user.passwordHash) {
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(normalized, meta.ip);
    const { passwordHash: _p, ...sessionUser } = user;
    return sessionUser;
  }

  async login(user: SessionUser, meta: RequestMeta): Promise<TokenPair & { user: Omit<SessionUser, 'sessionVersion' | 'active' | 'institutionId'> }> {
    await this.ds.query(`UPDATE users SET last_login_at = $2 WHERE id = $1`, [user.id, this.clock.now()]);
    const pair = await this.tokens.issue(user, meta);
    return {
      ...pair,
      user: { id: user.id, email: user.email, fullName: user.fullName, roles: user.roles, areaIds: user.areaIds, mustChangePassword: user.mustChangePassword },
    };
  }

  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokenPair> {
    const { userId, familyId } = await this.tokens.consume(refreshToken);
    const user = await this.findSessionUser('id', userId);
    if (!user || !user.active) {
      await this.tokens.revokeFamily(familyId, 'usuario desactivado');
      throw new UnauthenticatedError('USER_DISABLED', 'Tu cuenta está desactivada; pide al administrador que la reactive.');
    }
    return this.tokens.issue(user, meta, familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.tokens.revokeFamilyOf(refreshToken, 'cierre de sesión');
  }

  /** Changing one's password ends every other session (refresh tokens and access tokens). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<TokenPair> {
    const user = await this.findSessionUser('id', actor.id!);
    if (!user) throw new UnauthenticatedError('INVALID_CREDENTIALS', 'La contraseña actual no es correcta.');
    // A wrong current password is a failed login attempt of the same account: same counters, same lockout.
    await this.throttle.reserve(user.email, meta.ip);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new UnauthenticatedError('INVALID_CREDENTIALS', 'La contraseña actual no es correcta.');
    }
    await this.throttle.succeeded(user.email, meta.ip);
    assertPasswordPolicy(newPassword, user.email, 'newPassword');
    if (newPassword === currentPassword) {
      throw new ValidationFailedError([{ field: 'newPassword', message: 'Debe ser distinta de la actual.' }], 'La contraseña nueva debe ser distinta de la actual.');
    }
    const hash = await hashPassword(newPassword);
    return this.uow.run(async (em) => {
      const [row] = await returning<{ sessionVersion: number }>(
        em,
        `UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false, session_version = session_version + 1, version = version + 1,
                updated_at = now()
          WHERE id = $1 RETURNING session_version AS "sessionVersion"`,
        [user.id, hash, this.clock.now()],
      );
      await this.tokens.revokeAllOf(user.id, 'cambio de contraseña', em);
      return this.tokens.issue({ id: user.id, sessionVersion: row.sessionVersion }, meta, undefined, em);
    });
  }
}
