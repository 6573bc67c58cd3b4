import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/identity.dto';
import { Permission } from './policy/permission.decorator';
import { UsersService, UserView } from './users.service';

@ApiTags('Usuarios')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permission('read', 'User')
  @ApiOperation({ summary: 'Lista usuarios (administrador).' })
  @ApiErrors(400, 401, 403)
  list(@Query() q: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(q);
  }

  @Post()
  @Permission('create', 'User')
  @ApiOperation({ summary: 'Da de alta un usuario con sus roles y áreas.' })
  @ApiErrors(400, 401, 403, 409, 422)
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Get(':id')
  @Permission('read', 'User')
  @ApiErrors(400, 401, 403, 404)
  get(@IdParam() id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Permission('update', 'User')
  @ApiOperation({ summary: 'Cambia nombre, roles, áreas o estado (activo) de un usuario.' })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Permission('update', 'User')
  @ApiOperation({ summary: 'Restablece la contraseña de un usuario y cierra todas sus sesiones.' })
  @ApiErrors(400, 401, 403, 404)
  resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto.newPassword);
  }
}
