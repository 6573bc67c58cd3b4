import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { lockVersioned } from '../../common/db/versioned';
import { DuplicateError, NotFoundError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReferenceCheck } from '../catalog/reference-checker';
import { TokenService } from './auth/token.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/identity.dto';
import { assertPasswordPolicy, hashPassword } from './passwords';
import type { Role } from './identity.types';

const USER = { label: 'el usuario', table: 'users', notFoundCode: 'USER_NOT_FOUND' };

export interface UserView {
  id: string;
  version: number;
  email: string;
  fullName: string;
  roles: Role[];
  areas: { id: string; name: string }[];
  active: boolean;
  hasPassword: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Users are managed by the administrador; passwords are never returned. */
@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
  ) {}

  private async views(where: string, params: unknown[], tail = ''): Promise<(UserView & { total: number })[]> {
    return this.ds.query(
      `SELECT u.id, u.version, u.email, u.full_name AS "fullName", u.roles, u.active,
              u.password_hash IS NOT NULL AS "hasPassword", u.must_change_password AS "mustChangePassword", u.last_login_at AS "lastLoginAt",
              u.created_at AS "createdAt", u.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name)
                          FROM user_areas ua JOIN areas a ON a.id = ua.area_id WHERE ua.user_id = u.id), '[]') AS areas,
              count(*) OVER () AS total
         FROM users u WHERE ${where} ${tail}`,
      params,
    );
  }

  /** `institutionId`: the caller's institution scope (null: every institution). */
  async list(q: ListUsersQuery, institutionId: string | null): Promise<Page<UserView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const rows = await this.views(
      `($1::text IS NULL OR u.full_name ILIKE $1 OR u.email ILIKE $1) AND ($2::text IS NULL OR $2 = ANY(u.roles))
       AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = $3))
       AND ($6::uuid IS NULL OR u.institution_id = $6)`,
      [q.q ? `%${q.q}%` : null, q.role ?? null, q.areaId ?? null, pageSize, offset, institutionId],
      'ORDER BY u.full_name, u.email LIMIT $4 OFFSET $5',
    );
    return { items: rows.map(({ total: _t, ...r }) => r), page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }

  async get(id: string): Promise<UserView> {
    const [row] = await this.views('u.id = $1', [id]);
    if (!row) throw new NotFoundError(USER.label, USER.notFoundCode, id);
    const { total: _t, ...view } = row;
    return view;
  }

  /** The user belongs to the creating administrator's institution (the system's: the default one). */
  async create(dto: CreateUserDto, institutionId: string | null): Promise<UserView> {
    if (dto.password !== undefined) assertPasswordPolicy(dto.password, dto.email);
    const hash = dto.password === undefined ? null : await hashPassword(dto.password);
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('areaIds', 'areas', dto.areaIds).verify();
      const dup = await em.query(`SELECT 1 FROM users WHERE email = $1`, [dto.email]);
      if (dup.length) throw new DuplicateError(`Ya existe un usuario con el correo ${dto.email}.`, [{ field: 'email', message: 'Correo repetido.' }]);
      const [row] = await em.query(
        `INSERT INTO users (email, full_name, roles, password_hash, password_changed_at, institution_id)
         VALUES ($1, $2, $3, $4, CASE WHEN $4::text IS NULL THEN NULL ELSE now() END, COALESCE($5::uuid, default_institution_id())) RETURNING id`,
        [dto.email, dto.fullName, dto.roles, hash, institutionId],
      );
      await this.setAreas(em, row.id, dto.areaIds ?? []);
      return row.id as string;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.uow.run(async (em) => {
      const current = await lockVersioned<{ version: number; active: boolean }>(em, USER, id, dto.version, 'version, active');
      await new ReferenceCheck(em).needAll('areaIds', 'areas', dto.areaIds).verify();
      const sets = new SetList().add('full_name', dto.fullName).add('roles', dto.roles).add('active', dto.active);
      // Disabling ends every session for good: re-enabling later does not revive the access tokens it had.
      const ending = current.active && dto.active === false ? ', session_version = session_version + 1' : '';
      await em.query(`UPDATE users SET ${sets.clauses(2)}${ending} WHERE id = $1`, [id, ...sets.values]);
      if (dto.areaIds) await this.setAreas(em, id, dto.areaIds);
      if (current.active && dto.active === false) await this.tokens.revokeAllOf(id, 'usuario desactivado', em);
    });
    return this.get(id);
  }

  /** Administrator's reset: the new password ends every existing session of the user. */
  async resetPassword(id: string, newPassword: string): Promise<void> {
    const user = await this.get(id);
    assertPasswordPolicy(newPassword, user.email, 'newPassword');
    const hash = await hashPassword(newPassword);
    await this.uow.run(async (em) => {
      await em.query(
        `UPDATE users SET password_hash = $2, password_changed_at = now(), session_version = session_version + 1, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, hash],
      );
      await this.tokens.revokeAllOf(id, 'restablecimiento por el administrador', em);
    });
  }

  private async setAreas(em: EntityManager, userId: string, areaIds: string[]): Promise<void> {
    await em.query(`DELETE FROM user_areas WHERE user_id = $1 AND NOT (area_id = ANY($2::uuid[]))`, [userId, areaIds]);
    await em.query(`INSERT INTO user_areas (user_id, area_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [userId, areaIds]);
  }
}
