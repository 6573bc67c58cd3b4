import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { UnitOfWork } from '../../../database/unit-of-work';
import { Actor } from '../actor';
import { InvalidCredentialsError, UserDisabledError, WrongCurrentPasswordError } from '../identity.errors';
import type { AccessUser, CredentialUser, SessionUser } from '../identity.rows';
import { assertPasswordPolicy, decoyHash, hashPassword, verifyPassword } from '../passwords';
import { UsersRepository } from '../users.repository';
import { LoginThrottleService } from './login-throttle.service';
import { TokenPair, TokenService } from './token.service';

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
  ) {}

  findSessionUser(where: 'id' | 'email', value: string): Promise<CredentialUser | undefined> {
    return this.users.findCredentials(where, where === 'email' ? value.toLowerCase().trim() : value);
  }

  /** The user behind an access token, and whether the token's session (refresh family) was ended. One round trip. */
  findAccessUser(id: string, familyId: string): Promise<AccessUser | undefined> {
    return this.users.findAccessUser(id, familyId);
  }

  /** The passport-local check: throttled, constant-time for unknown accounts. */
  async validateCredentials(email: string, password: string, meta: RequestMeta): Promise<SessionUser> {
    const normalized = email.toLowerCase().trim();
    // Counted before verifying (a failure unless given back on success): concurrent guesses cannot outrun the lockout.
    await this.throttle.reserve(normalized, meta.ip);
    const user = await this.findSessionUser('email', normalized);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    // A disabled account answers the same whatever the password (and the attempt counts): the answer never confirms one.
    if (user && !user.active) throw new UserDisabledError();
    if (!user || !ok || !user.passwordHash) {
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(normalized, meta.ip);
    const { passwordHash: _p, ...sessionUser } = user;
    return sessionUser;
  }

  async login(user: SessionUser, meta: RequestMeta): Promise<TokenPair & { user: Omit<SessionUser, 'sessionVersion' | 'active' | 'institutionId'> }> {
    await this.users.recordLogin(user.id, this.clock.now());
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
      throw new UserDisabledError();
    }
    return this.tokens.issue(user, meta, familyId);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.tokens.revokeFamilyOf(refreshToken, 'cierre de sesión');
  }

  /** Changing one's password ends every other session (refresh tokens and access tokens). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<TokenPair> {
    const user = await this.findSessionUser('id', actor.id!);
    if (!user) throw new WrongCurrentPasswordError();
    // A wrong current password is a failed login attempt of the same account: same counters, same lockout.
    await this.throttle.reserve(user.email, meta.ip);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new WrongCurrentPasswordError();
    await this.throttle.succeeded(user.email, meta.ip);
    assertPasswordPolicy(newPassword, user.email, 'newPassword');
    if (newPassword === currentPassword) {
      throw new ValidationFailedError(
        [{ field: 'newPassword', message: 'Debe ser distinta de la actual.' }],
        'La contraseña nueva debe ser distinta de la actual.',
      );
    }
    const hash = await hashPassword(newPassword);
    return this.uow.run(async (em) => {
      const sessionVersion = await this.users.changeOwnPassword(em, user.id, hash, this.clock.now());
      await this.tokens.revokeAllOf(user.id, 'cambio de contraseña', em);
      return this.tokens.issue({ id: user.id, sessionVersion }, meta, undefined, em);
    });
  }
}
