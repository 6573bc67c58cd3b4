import { PageQuery } from '../../../common/http/pagination';
import { EmailField, EnumArrayField, EnumField, TextField, UuidArrayField, UuidField, VersionField, BooleanField } from '../../../common/validation/fields';
import { ROLES } from '../identity.types';
import type { Role } from '../identity.types';

const RolesField = (optional: boolean): PropertyDecorator =>
  EnumArrayField(ROLES, { description: 'Roles (una persona puede tener varios).', label: 'los roles', itemName: 'rol', maxSize: ROLES.length, optional });

/**
 * What signing in takes. Passport reads the body, not this class: the local
 * strategy reports a missing or mistyped credential with these labels
 * (credentialProblems), and any other wrong credential is a 401.
 */
export class LoginDto {
  @EmailField({ description: 'Correo electrónico.', label: 'el correo electrónico' })
  email: string;

  @TextField({ description: 'Contraseña.', label: 'la contraseña', max: 200 })
  password: string;
}

export class RefreshDto {
  @TextField({ description: 'Token de renovación recibido al iniciar sesión o en la última renovación.', label: 'el token de renovación', max: 200 })
  refreshToken: string;
}

export class ChangePasswordDto {
  @TextField({ description: 'Contraseña actual.', label: 'la contraseña actual', max: 200 })
  currentPassword: string;

  @TextField({ description: 'Contraseña nueva: al menos 12 caracteres, con letras y números.', label: 'la contraseña nueva', max: 200 })
  newPassword: string;
}

export class ResetPasswordDto {
  @TextField({ description: 'Contraseña nueva que el administrador comunica a la persona.', label: 'la contraseña nueva', max: 200 })
  newPassword: string;
}

export class CreateUserDto {
  @EmailField({ description: 'Correo electrónico (único).', label: 'el correo electrónico' })
  email: string;

  @TextField({ description: 'Nombre completo.', label: 'el nombre completo', max: 300 })
  fullName: string;

  @RolesField(false)
  roles: Role[];

  @UuidArrayField({ description: 'Áreas a las que pertenece.', label: 'las áreas', minSize: 0, maxSize: 50, optional: true })
  areaIds?: string[];

  @TextField({ description: 'Contraseña inicial (la persona debería cambiarla).', label: 'la contraseña inicial', max: 200, optional: true })
  password?: string;
}

export class UpdateUserDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Nombre completo.', label: 'el nombre completo', max: 300, optional: true })
  fullName?: string;

  @RolesField(true)
  roles?: Role[];

  @UuidArrayField({ description: 'Áreas (reemplaza la lista).', label: 'las áreas', minSize: 0, maxSize: 50, optional: true })
  areaIds?: string[];

  @BooleanField({ description: 'Activa; al desactivarla sus sesiones dejan de funcionar de inmediato.', label: 'el campo «Activa»', optional: true })
  active?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @TextField({ description: 'Texto en nombre o correo.', label: 'el texto a buscar', max: 200, optional: true })
  q?: string;

  @EnumField(ROLES, { description: 'Rol.', label: 'el rol', optional: true })
  role?: Role;

  @UuidField({ description: 'Área.', label: 'el área', optional: true })
  areaId?: string;
}
