import { Injectable } from '@nestjs/common';
import { assertVersion, DuplicateError } from '../../common/errors/domain-error';
import { Page, paged } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReferenceCheck } from '../catalog/reference-checker';
import { TokenService } from './auth/token.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/identity.dto';
import { IdentityErrorCode, UserNotFoundError } from './identity.errors';
import type { UserRow } from './identity.rows';
import { assertPasswordPolicy, hashPassword } from './passwords';
import { UsersRepository } from './users.repository';

export type UserView = UserRow;

/** Users are managed by the administrador; passwords are never returned. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly uow: UnitOfWork,
    private readonly tokens: TokenService,
  ) {}

  /** `institutionId`: the caller's institution scope (null: every institution). */
  list(q: ListUsersQuery, institutionId: string | null): Promise<Page<UserView>> {
    const filter = { like: q.q ? `%${q.q}%` : null, role: q.role ?? null, areaId: q.areaId ?? null, institutionId };
    return paged(q, (pageSize, offset) => this.users.page(filter, pageSize, offset));
  }

  async get(id: string): Promise<UserView> {
    const row = await this.users.find(id);
    if (!row) throw new UserNotFoundError(id);
    return row;
  }

  /** The user belongs to the creating administrator's institution (the system's: the default one). */
  async create(dto: CreateUserDto, institutionId: string | null): Promise<UserView> {
    if (dto.password !== undefined) assertPasswordPolicy(dto.password, dto.email);
    const hash = dto.password === undefined ? null : await hashPassword(dto.password);
    const id = await this.uow.run(async (em) => {
      await new ReferenceCheck(em).needAll('areaIds', 'areas', dto.areaIds).verify();
      if (await this.users.emailTaken(em, dto.email)) {
        throw new DuplicateError(`Ya existe un usuario con el correo ${dto.email}.`, [{ field: 'email', message: 'Correo repetido.' }]);
      }
      const userId = await this.users.insert(em, { email: dto.email, fullName: dto.fullName, roles: dto.roles, passwordHash: hash, institutionId });
      await this.users.setAreas(em, userId, dto.areaIds ?? []);
      return userId;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.uow.run(async (em) => {
      const current = await this.users.lock(em, id);
      assertVersion(current?.version, dto.version, 'el usuario', IdentityErrorCode.UserNotFound, id);
      await new ReferenceCheck(em).needAll('areaIds', 'areas', dto.areaIds).verify();
      // Disabling ends every session for good: re-enabling later does not revive the access tokens it had.
      const disabling = current?.active === true && dto.active === false;
      await this.users.update(em, id, { fullName: dto.fullName, roles: dto.roles, active: dto.active }, disabling);
      if (dto.areaIds) await this.users.setAreas(em, id, dto.areaIds);
      if (disabling) await this.tokens.revokeAllOf(id, 'usuario desactivado', em);
    });
    return this.get(id);
  }

  /** Administrator's reset: the new password ends every existing session of the user. */
  async resetPassword(id: string, newPassword: string): Promise<void> {
    const user = await this.get(id);
    assertPasswordPolicy(newPassword, user.email, 'newPassword');
    const hash = await hashPassword(newPassword);
    await this.uow.run(async (em) => {
      await this.users.resetPassword(em, id, hash);
      await this.tokens.revokeAllOf(id, 'restablecimiento por el administrador', em);
    });
  }
}
