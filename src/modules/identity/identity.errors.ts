import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { IdentityErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { IdentityErrorCode };

export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('el usuario', IdentityErrorCode.UserNotFound, id);
  }
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(IdentityErrorCode.InvalidCredentials, 'Correo o contraseña incorrectos; revisa los datos y vuelve a intentarlo.', 'unauthenticated');
  }
}

/** 401: who is asking is not known (or no longer allowed in); `code` tells why. */
export class UnauthenticatedError extends DomainError {
  constructor(
    code:
      | IdentityErrorCode.InvalidCredentials
      | IdentityErrorCode.UserDisabled
      | IdentityErrorCode.Unauthenticated
      | IdentityErrorCode.NoSession
      | IdentityErrorCode.TokenExpired
      | IdentityErrorCode.TokenInvalid
      | IdentityErrorCode.SessionRevoked
      | IdentityErrorCode.RefreshTokenInvalid
      | IdentityErrorCode.RefreshTokenReused
      | IdentityErrorCode.RefreshTokenRevoked
      | IdentityErrorCode.RefreshTokenExpired,
    message: string,
  ) {
    super(code, message, 'unauthenticated');
  }
}

export class UserDisabledError extends UnauthenticatedError {
  constructor() {
    super(IdentityErrorCode.UserDisabled, 'Tu cuenta está desactivada; pide al administrador que la reactive.');
  }
}

/** A wrong current password when changing it. */
export class WrongCurrentPasswordError extends UnauthenticatedError {
  constructor() {
    super(IdentityErrorCode.InvalidCredentials, 'La contraseña actual no es correcta.');
  }
}

export class LoginThrottledError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    until: Date,
    timeZone: string,
  ) {
    const time = new Intl.DateTimeFormat('es-MX', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(until);
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      IdentityErrorCode.LoginThrottled,
      `Demasiados intentos fallidos de inicio de sesión. Intenta de nuevo a partir de las ${time} (en ${minutes} minuto${minutes === 1 ? '' : 's'}).`,
      'too_many',
      [{ message: 'Espera antes de reintentar.', retryAfterSeconds }],
    );
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super(IdentityErrorCode.PasswordChangeRequired, 'Cambia tu contraseña antes de continuar: la que tienes es temporal.', 'forbidden');
  }
}

export class RouteWithoutPermissionError extends DomainError {
  constructor() {
    super(IdentityErrorCode.RouteWithoutPermission, 'Esta ruta no declara permisos; se rechaza por seguridad.', 'forbidden');
  }
}

export class CsrfRefusedError extends DomainError {
  constructor(why: string) {
    super(
      IdentityErrorCode.CsrfRefused,
      `Solicitud rechazada por seguridad (${why}). Vuelve a abrir la aplicación desde su dirección e inicia sesión de nuevo.`,
      'forbidden',
    );
  }
}
