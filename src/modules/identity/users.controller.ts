import type { Actor } from './actor';
import { institutionScope } from './policy/policy';
import { CurrentActor } from './policy/current-actor.decorator';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/identity.dto';
import { UserView } from './identity.view';
import { UsersService } from './users.service';
import { Route } from '../../common/http/route.decorator';

@ApiTags('Usuarios')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Route('get', ['read', 'User'], { page: UserView, errors: [400] })
  @ApiOperation({ operationId: 'listUsers', summary: 'Lista usuarios (administrador).' })
  list(@Query() q: ListUsersQuery, @CurrentActor() actor: Actor): Promise<Page<UserView>> {
    return this.users.list(q, institutionScope(actor, 'read'));
  }

  @Route('post', ['create', 'User'], { created: { type: UserView, description: 'El usuario creado.' }, errors: [400, 409, 422] })
  @ApiOperation({ operationId: 'createUser', summary: 'Da de alta un usuario con sus roles y áreas.' })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(dto, actor.institutionId);
  }

  @Route('get :id', ['read', 'User'], { ok: UserView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getUser', summary: 'Un usuario con sus roles y áreas.' })
  get(@IdParam() id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Route('patch :id', ['update', 'User'], { ok: UserView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateUser', summary: 'Cambia nombre, roles, áreas o estado (activo) de un usuario. Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Route('post :id/password', ['update', 'User'], { noContent: 'Contraseña restablecida.', status: 204, errors: [400, 404] })
  @ApiOperation({ operationId: 'resetUserPassword', summary: 'Restablece la contraseña de un usuario y cierra todas sus sesiones.' })
  resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto.newPassword);
  }
}
