import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import type { Db } from '../../../database/sql';
import { IdentityErrorCode, UnauthenticatedError } from '../identity.errors';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface AccessClaims {
  sub: string;
  sv: number;
  typ: 'access';
  /** The session (refresh-token family) the token belongs to: ending the session ends the token. */
  fam: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Short-lived JWT access tokens and rotating refresh tokens. A refresh token
 * is stored only as its SHA-256; using one marks it used and issues the next
 * of its family; presenting a used one again revokes the whole family.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(
    user: { id: string; sessionVersion: number },
    meta: { ip?: string; userAgent?: string },
    familyId: string = randomUUID(),
    db?: Db,
  ): Promise<TokenPair> {
    const ttl = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const now = this.clock.now();
    const accessToken = await this.jwt.signAsync({ sub: user.id, sv: user.sessionVersion, typ: 'access', fam: familyId } satisfies AccessClaims, {
      expiresIn: ttl,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.get('REFRESH_TOKEN_TTL_DAYS') * 86_400_000);
    await this.refreshTokens.insert(db, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      createdAt: now,
      expiresAt,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, refreshToken, refreshExpiresAt: expiresAt.toISOString() };
  }

  /** Consumes a refresh token; returns its user and family, or throws (revoking the family on reuse). */
  async consume(refreshToken: string): Promise<{ userId: string; familyId: string }> {
    const hash = sha256(refreshToken);
    const now = this.clock.now();
    const used = await this.refreshTokens.use(hash, now);
    if (used) return used;

    const known = await this.refreshTokens.find(hash);
    if (!known) throw new UnauthenticatedError(IdentityErrorCode.RefreshTokenInvalid, 'El token de renovación no es válido; inicia sesión de nuevo.');
    if (known.usedAt) {
      await this.revokeFamily(known.familyId, 'reutilizado');
      throw new UnauthenticatedError(
        IdentityErrorCode.RefreshTokenReused,
        'Este token de renovación ya se había usado; por seguridad se cerró esa sesión en todos sus dispositivos. Inicia sesión de nuevo y, si no fuiste tú, cambia tu contraseña.',
      );
    }
    if (known.revokedAt) throw new UnauthenticatedError(IdentityErrorCode.RefreshTokenRevoked, 'La sesión ya se había cerrado; inicia sesión de nuevo.');
    throw new UnauthenticatedError(IdentityErrorCode.RefreshTokenExpired, 'La sesión expiró; inicia sesión de nuevo.');
  }

  async revokeFamily(familyId: string, reason: string): Promise<void> {
    await this.refreshTokens.revokeFamily(familyId, this.clock.now(), reason);
  }

  async revokeFamilyOf(refreshToken: string, reason: string): Promise<void> {
    const known = await this.refreshTokens.find(sha256(refreshToken));
    if (known) await this.revokeFamily(known.familyId, reason);
  }

  /** `db`: the transaction to join (the pool when none). */
  async revokeAllOf(userId: string, reason: string, db?: Db): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(db, userId, this.clock.now(), reason);
  }
}
