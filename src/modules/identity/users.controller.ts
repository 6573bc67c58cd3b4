import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrudRoutes } from './policy/crud-routes';
import { Route } from './policy/route.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/identity.dto';
import { UserView } from './identity.view';
import { UsersService } from './users.service';

@CrudRoutes({
  subject: 'User',
  view: UserView,
  list: { operationId: 'listUsers', summary: 'Lista usuarios (administrador).', query: ListUsersQuery },
  create: {
    operationId: 'createUser',
    summary: 'Da de alta un usuario con sus roles y áreas.',
    body: CreateUserDto,
    created: 'El usuario creado.',
    errors: [400, 409, 422],
  },
  get: { operationId: 'getUser', summary: 'Un usuario con sus roles y áreas.' },
  update: {
    operationId: 'updateUser',
    summary: 'Cambia nombre, roles, áreas o estado (activo) de un usuario. Requiere la versión leída.',
    body: UpdateUserDto,
    errors: [400, 404, 409, 422],
  },
})
@ApiTags('Usuarios')
@Controller('api/v1/users')
export class UsersController {
  constructor(readonly service: UsersService) {}

  @Route('post :id/password', ['update', 'User'], { noContent: 'Contraseña restablecida.', status: 204, errors: [400, 404] })
  @ApiOperation({ operationId: 'resetUserPassword', summary: 'Restablece la contraseña de un usuario y cierra todas sus sesiones.' })
  resetPassword(@IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.service.resetPassword(id, dto.newPassword);
  }
}
