import {
  ArrayProp,
  BoolProp,
  EnumArrayProp,
  EnumProp,
  IntProp,
  ObjectProp,
  TextProp,
  TimestampProp,
  UuidArrayProp,
  UuidProp,
} from '../../common/http/view-properties';
import { RefView } from '../asm/asm.view';
import type { TokenPair } from './auth/token.service';
import { ROLES } from './identity.types';
import type { Role } from './identity.types';
import type { UserRow as UserShape } from './identity.rows';

/** What the session and user routes return (see catalog.view.ts for how these classes stay equal to the services' types). */
export class TokenPairView implements TokenPair {
  @TextProp({ description: 'Token de acceso (JWT) para el encabezado Authorization: Bearer; vale 15 minutos.' }) accessToken: string;
  @EnumProp(['Bearer']) tokenType: 'Bearer';
  @IntProp({ description: 'Segundos de vida del token de acceso.', example: 900 }) expiresIn: number;
  @TextProp({ description: 'Token de renovación: se cambia por un par nuevo en POST /api/v1/auth/refresh (sirve una sola vez).' }) refreshToken: string;
  @TextProp({ format: 'date-time', description: 'Hasta cuándo sirve el token de renovación.' }) refreshExpiresAt: string;
}

export class SessionUserView {
  @UuidProp() id: string;
  @TextProp({ format: 'email' }) email: string;
  @TextProp() fullName: string;
  @EnumArrayProp(ROLES) roles: Role[];
  @UuidArrayProp({ description: 'Tus áreas.' }) areaIds: string[];
  @BoolProp({ description: 'true: entraste con una contraseña temporal; cámbiala (POST /api/v1/auth/password) antes de usar el sistema.' })
  mustChangePassword: boolean;
}

/** The answer to signing in: the tokens and who signed in. */
export class LoginView extends TokenPairView {
  @ObjectProp(() => SessionUserView) user: SessionUserView;
}

export class UserView implements UserShape {
  @UuidProp() id: string;
  @IntProp({ minimum: 1 }) version: number;
  @TextProp({ format: 'email', example: 'analista@imss.gob.mx' }) email: string;
  @TextProp() fullName: string;
  @EnumArrayProp(ROLES) roles: Role[];
  @ArrayProp(() => RefView) areas: RefView[];
  @BoolProp({ description: 'false: desactivada; sus sesiones no sirven.' }) active: boolean;
  @BoolProp({ description: 'false: todavía no tiene contraseña; no podrá iniciar sesión hasta que el administrador se la asigne.' }) hasPassword: boolean;
  @BoolProp({ description: 'true: tiene una contraseña temporal (la de la instalación) y debe cambiarla al entrar.' }) mustChangePassword: boolean;
  @TimestampProp({ nullable: true }) lastLoginAt: Date | null;
  @TimestampProp() createdAt: Date;
  @TimestampProp() updatedAt: Date;
}
