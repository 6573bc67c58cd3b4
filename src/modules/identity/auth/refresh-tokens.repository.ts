import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, selectOne } from '../../../database/sql';

/** A stored refresh token as the reuse check reads it. */
export interface RefreshTokenState {
  familyId: string;
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** Refresh tokens (stored as their SHA-256), grouped in families: one family is one session. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly ds: DataSource) {}

  /** `db`: the transaction to join (undefined: the pool). */
  async insert(
    db: Db | undefined,
    token: { userId: string; familyId: string; tokenHash: string; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
  ): Promise<void> {
    await execute(
      db ?? this.ds,
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at, ip_address, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [token.userId, token.familyId, token.tokenHash, token.createdAt, token.expiresAt, token.ip, token.userAgent],
    );
  }

  /** Marks the token used if it is usable at `now` (unused, not revoked, not expired): its user and family, or undefined. */
  async use(tokenHash: string, now: Date): Promise<{ userId: string; familyId: string } | undefined> {
    const { rows } = await execute<{ userId: string; familyId: string }>(
      this.ds,
      `UPDATE refresh_tokens SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2
        RETURNING user_id AS "userId", family_id AS "familyId"`,
      [tokenHash, now],
    );
    return rows[0];
  }

  find(tokenHash: string): Promise<RefreshTokenState | undefined> {
    return selectOne<RefreshTokenState>(
      this.ds,
      `SELECT family_id AS "familyId", used_at AS "usedAt", revoked_at AS "revokedAt", expires_at AS "expiresAt" FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
  }

  async revokeFamily(familyId: string, at: Date, reason: string): Promise<void> {
    await execute(this.ds, `UPDATE refresh_tokens SET revoked_at = $2, revoke_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, at, reason]);
  }

  /** `db`: the transaction to join (undefined: the pool). */
  async revokeAllOfUser(db: Db | undefined, userId: string, at: Date, reason: string): Promise<void> {
    await execute(db ?? this.ds, `UPDATE refresh_tokens SET revoked_at = $2, revoke_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      at,
      reason,
    ]);
  }
}
