import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEmail, IsIn, IsString, MaxLength, ValidateIf, ValidationArguments } from 'class-validator';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { PageQuery } from '../../../common/http/pagination';
import { BooleanField, EnumField, TextField, UuidArrayField, UuidField, VersionField } from '../../../common/validation/fields';
import { ROLES } from '../user.entity';
import type { Role } from '../user.entity';

function EmailField(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 'analista@imss.gob.mx' }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    MaxLength(320, { message: 'email admite como máximo 320 caracteres.' }),
    IsEmail({}, { message: 'email debe ser un correo electrónico válido, por ejemplo analista@imss.gob.mx.' }),
  );
}

function RolesField(optional: boolean): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'Roles (una persona puede tener varios).', enum: ROLES, isArray: true, required: !optional }),
    ...(optional ? [ValidateIf((_o: object, v: unknown) => v !== undefined)] : []),
    IsArray({ message: 'roles debe ser una lista.' }),
    ArrayMaxSize(ROLES.length, { message: `roles admite como máximo ${ROLES.length} elementos.` }),
    ArrayUnique({ message: 'roles no debe repetir valores.' }),
    IsIn(ROLES as unknown as string[], { each: true, message: (a: ValidationArguments) => `Cada rol debe ser uno de: ${ROLES.join(', ')} (recibido: ${String(a.value)}).` }),
  );
}

export class LoginDto {
  @EmailField('Correo electrónico.')
  email: string;

  @ApiProperty({ description: 'Contraseña.' })
  @IsString({ message: 'password debe ser texto.' })
  @MaxLength(200, { message: 'password admite como máximo 200 caracteres.' })
  password: string;
}

export class RefreshDto {
  @TextField({ description: 'Token de renovación recibido al iniciar sesión o en la última renovación.', max: 200 })
  refreshToken: string;
}

export class ChangePasswordDto {
  @TextField({ description: 'Contraseña actual.', max: 200 })
  currentPassword: string;

  @TextField({ description: 'Contraseña nueva: al menos 12 caracteres, con letras y números.', max: 200 })
  newPassword: string;
}

export class ResetPasswordDto {
  @TextField({ description: 'Contraseña nueva que el administrador comunica a la persona.', max: 200 })
  newPassword: string;
}

export class CreateUserDto {
  @EmailField('Correo electrónico (único).')
  email: string;

  @TextField({ description: 'Nombre completo.', max: 300 })
  fullName: string;

  @RolesField(false)
  roles: Role[];

  @UuidArrayField({ description: 'Áreas a las que pertenece.', minSize: 0, maxSize: 50, optional: true })
  areaIds?: string[];

  @TextField({ description: 'Contraseña inicial (la persona debería cambiarla).', max: 200, optional: true })
  password?: string;
}

export class UpdateUserDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Nombre completo.', max: 300, optional: true })
  fullName?: string;

  @RolesField(true)
  roles?: Role[];

  @UuidArrayField({ description: 'Áreas (reemplaza la lista).', minSize: 0, maxSize: 50, optional: true })
  areaIds?: string[];

  @BooleanField({ description: 'Activa; al desactivarla sus sesiones dejan de funcionar de inmediato.', optional: true })
  active?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @TextField({ description: 'Texto en nombre o correo.', max: 200, optional: true })
  q?: string;

  @EnumField(ROLES, { description: 'Rol.', optional: true })
  role?: Role;

  @UuidField({ description: 'Área.', optional: true })
  areaId?: string;
}
