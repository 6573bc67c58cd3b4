import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { preparedQuery } from '../../database/prepared';
import { Db, execute, select, selectOne, selectPage } from '../../database/sql';
import type { AccessUser, CredentialUser, UserRow } from './identity.rows';
import type { Role } from './identity.types';

const USER_COLUMNS = `u.id, u.version, u.email, u.full_name AS "fullName", u.roles, u.active,
              u.password_hash IS NOT NULL AS "hasPassword", u.must_change_password AS "mustChangePassword", u.last_login_at AS "lastLoginAt",
              u.created_at AS "createdAt", u.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name)
                          FROM user_areas ua JOIN areas a ON a.id = ua.area_id WHERE ua.user_id = u.id), '[]') AS areas`;

const CREDENTIAL_USER = (where: 'id' | 'email') => `SELECT u.id, u.email, u.full_name AS "fullName", u.roles, u.institution_id AS "institutionId", u.active,
              u.session_version AS "sessionVersion", u.password_hash AS "passwordHash", u.must_change_password AS "mustChangePassword",
              COALESCE(json_agg(ua.area_id ORDER BY ua.area_id) FILTER (WHERE ua.area_id IS NOT NULL), '[]') AS "areaIds"
         FROM users u LEFT JOIN user_areas ua ON ua.user_id = u.id
        WHERE u.${where} = $1
        GROUP BY u.id`;
const CREDENTIAL_USER_BY_ID = CREDENTIAL_USER('id');
const CREDENTIAL_USER_BY_EMAIL = CREDENTIAL_USER('email');

export interface UserPatch {
  fullName?: string;
  roles?: Role[];
  active?: boolean;
}

/** Users and the areas each belongs to. */
@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A page of users by name: matching `like` on name or e-mail (null: any), holding `role` (null: any),
   * of area `areaId` (null: any), of one institution (null: every one).
   */
  page(
    filter: { like: string | null; role: string | null; areaId: string | null; institutionId: string | null },
    limit: number,
    offset: number,
  ): Promise<{ items: UserRow[]; total: number }> {
    return selectPage<UserRow>(
      this.ds,
      `SELECT ${USER_COLUMNS}, count(*) OVER () AS total
         FROM users u
        WHERE ($1::text IS NULL OR u.full_name ILIKE $1 OR u.email ILIKE $1) AND ($2::text IS NULL OR $2 = ANY(u.roles))
          AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = $3))
          AND ($6::uuid IS NULL OR u.institution_id = $6)
        ORDER BY u.full_name, u.email LIMIT $4 OFFSET $5`,
      [filter.like, filter.role, filter.areaId, limit, offset, filter.institutionId],
    );
  }

  find(id: string): Promise<UserRow | undefined> {
    return selectOne<UserRow>(this.ds, `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  }

  /** Prepared: every login, refresh and password change runs it. `email` is compared as given (the caller normalises it). */
  async findCredentials(by: 'id' | 'email', value: string): Promise<CredentialUser | undefined> {
    const rows = await preparedQuery<CredentialUser>(this.ds, by === 'id' ? CREDENTIAL_USER_BY_ID : CREDENTIAL_USER_BY_EMAIL, [value]);
    return rows[0];
  }

  /** The user behind an access token and whether its session (refresh family) was ended: one prepared round trip per request. */
  async findAccessUser(id: string, familyId: string): Promise<AccessUser | undefined> {
    const rows = await preparedQuery<AccessUser>(
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

  async emailTaken(db: Db, email: string): Promise<boolean> {
    return (await execute(db, `SELECT 1 FROM users WHERE email = $1`, [email])).rows.length > 0;
  }

  /** `passwordHash` null: no password yet; `institutionId` null: the default institution. */
  async insert(db: Db, user: { email: string; fullName: string; roles: Role[]; passwordHash: string | null; institutionId: string | null }): Promise<string> {
    const [row] = await select<{ id: string }>(
      db,
      `INSERT INTO users (email, full_name, roles, password_hash, password_changed_at, institution_id)
       VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END, COALESCE($5::uuid, default_institution_id())) RETURNING id`,
      [user.email, user.fullName, user.roles, user.passwordHash, user.institutionId],
    );
    return row.id;
  }

  /** Locks the user for an update; its version and whether it is active, or undefined when it does not exist. */
  lock(db: Db, id: string): Promise<{ version: number; active: boolean } | undefined> {
    return selectOne<{ version: number; active: boolean }>(db, `SELECT version, active FROM users WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Sets the fields given (undefined: unchanged) and bumps the version; `endSessions` invalidates every access token the user holds. */
  async update(db: Db, id: string, patch: UserPatch, endSessions: boolean): Promise<void> {
    const sets = new SetList().add('full_name', patch.fullName).add('roles', patch.roles).add('active', patch.active);
    const ending = endSessions ? ', session_version = session_version + 1' : '';
    await execute(db, `UPDATE users SET ${sets.clauses(2)}${ending} WHERE id = $1`, [id, ...sets.values]);
  }

  /** The user's areas become exactly `areaIds`. */
  async setAreas(db: Db, userId: string, areaIds: string[]): Promise<void> {
    await execute(db, `DELETE FROM user_areas WHERE user_id = $1 AND NOT (area_id = ANY($2::uuid[]))`, [userId, areaIds]);
    await execute(db, `INSERT INTO user_areas (user_id, area_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [userId, areaIds]);
  }

  /** A password set by the administrator: every access token of the user stops counting. */
  async resetPassword(db: Db, id: string, passwordHash: string): Promise<void> {
    await execute(
      db,
      `UPDATE users SET password_hash = $2, password_changed_at = now(), session_version = session_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, passwordHash],
    );
  }

  /** The user's own new password (no longer one to change): the session version it leaves, which only new tokens carry. */
  async changeOwnPassword(db: Db, id: string, passwordHash: string, at: Date): Promise<number> {
    const { rows } = await execute<{ sessionVersion: number }>(
      db,
      `UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false, session_version = session_version + 1, version = version + 1,
              updated_at = now()
        WHERE id = $1 RETURNING session_version AS "sessionVersion"`,
      [id, passwordHash, at],
    );
    return rows[0].sessionVersion;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await execute(this.ds, `UPDATE users SET last_login_at = $2 WHERE id = $1`, [id, at]);
  }
}
