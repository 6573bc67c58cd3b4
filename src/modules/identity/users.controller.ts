import type { Actor } from './actor';
import { institutionScope } from './policy/policy';
import { CurrentActor } from './policy/current-actor.decorator';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/identity.dto';
import { Permission } from './policy/permission.decorator';
import { UserView } from './identity.view';
import { UsersService } from './users.service';

@ApiTags('Usuarios')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('read', 'User')
  @ApiOperation({ operationId: 'listUsers', summary: 'Lista usuarios (administrador).' })
  @ApiPageResponse(UserView)
  @ApiErrors(400)
  list(@Query() q: ListUsersQuery, @CurrentActor() actor: Actor): Promise<Page<UserView>> {
    return this.users.list(q, institutionScope(actor, 'read'));
  }

  @Post()
  @Permission('create', 'User')
  @ApiOperation({ operationId: 'createUser', summary: 'Da de alta un usuario con sus roles y áreas.' })
  @ApiCreatedResponse({ type: UserView, description: 'El usuario creado.' })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(dto, actor.institutionId);
  }

  @Get(':id')
  @Permission('read', 'User')
  @ApiOperation({ operationId: 'getUser', summary: 'Un usuario con sus roles y áreas.' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Permission('update', 'User')
  @ApiOperation({ operationId: 'updateUser', summary: 'Cambia nombre, roles, áreas o estado (activo) de un usuario. Requiere la versión leída.' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Permission('update', 'User')
  @ApiOperation({ operationId: 'resetUserPassword', summary: 'Restablece la contraseña de un usuario y cierra todas sus sesiones.' })
  @ApiNoContentResponse({ description: 'Contraseña restablecida.' })
  @ApiErrors(400, 404)
  resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto.newPassword);
  }
}
