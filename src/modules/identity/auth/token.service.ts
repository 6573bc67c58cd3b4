import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock';
import { returning } from '../../../common/db/returning';
import { AppConfig } from '../../../config/app-config';
import { UnauthenticatedError } from './auth.errors';

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
    private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(user: { id: string; sessionVersion: number }, meta: { ip?: string; userAgent?: string }, familyId: string = randomUUID(), em?: EntityManager): Promise<TokenPair> {
    const ttl = this.config.get('ACCESS_TOKEN_TTL_SECONDS');
    const now = this.clock.now();
    const accessToken = await this.jwt.signAsync({ sub: user.id, sv: user.sessionVersion, typ: 'access', fam: familyId } satisfies AccessClaims, {
      expiresIn: ttl,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.get('REFRESH_TOKEN_TTL_DAYS') * 86_400_000);
    await (em ?? this.ds.manager).query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, ip_address, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [user.id, familyId, sha256(refreshToken), now, expiresAt, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null],
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: ttl, refreshToken, refreshExpiresAt: expiresAt.toISOString() };
  }

  /** Consumes a refresh token; returns its user and family, or throws (revoking the family on reuse). */
  async consume(refreshToken: string): Promise<{ userId: string; familyId: string }> {
    const hash = sha256(refreshToken);
    const now = this.clock.now();
    const used = await returning<{ user_id: string; family_id: string }>(
      this.ds.manager,
      `UPDATE refresh_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
        RETURNING user_id, family_id`,
      [hash, now],
    );
    if (used[0]) return { userId: used[0].user_id, familyId: used[0].family_id };

    const [known]: { family_id: string; used_at: Date | null; revoked_at: Date | null; expires_at: Date }[] = await this.ds.query(
      `SELECT family_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    if (!known) throw new UnauthenticatedError('REFRESH_TOKEN_INVALID', 'El token de renovación no es válido; inicia sesión de nuevo.');
    if (known.used_at) {
      await this.revokeFamily(known.family_id, 'reutilizado');
      throw new UnauthenticatedError(
        'REFRESH_TOKEN_REUSED',
        'Este token de renovación ya se había usado; por seguridad se cerró esa sesión en todos sus dispositivos. Inicia sesión de nuevo y, si no fuiste tú, cambia tu contraseña.',
      );
    }
    if (known.revoked_at) throw new UnauthenticatedError('REFRESH_TOKEN_REVOKED', 'La sesión ya se había cerrado; inicia sesión de nuevo.');
    throw new UnauthenticatedError('REFRESH_TOKEN_EXPIRED', 'La sesión expiró; inicia sesión de nuevo.');
  }

  async revokeFamily(familyId: string, reason: string): Promise<void> {
    await this.ds.query(`UPDATE refresh_tokens SET revoked_at = $2, revoke_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
      this.clock.now(),
      reason,
    ]);
  }

  async revokeFamilyOf(refreshToken: string, reason: string): Promise<void> {
    const [row] = await this.ds.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [sha256(refreshToken)]);
    if (row) await this.revokeFamily(row.family_id, reason);
  }

  async revokeAllOf(userId: string, reason: string, em?: EntityManager): Promise<void> {
    await (em ?? this.ds.manager).query(`UPDATE refresh_tokens SET revoked_at = $2, revoke_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      this.clock.now(),
      reason,
    ]);
  }
}
