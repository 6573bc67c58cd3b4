import { DomainError, NotFoundError } from '../../common/errors/domain-error';

/** Every code the identity module throws of its own (users, sessions, permissions). */
export enum IdentityErrorCode {
  /** 404: no user has this id; check the id or the list. */
  UserNotFound = 'USER_NOT_FOUND',
  /** 401: wrong e-mail or password at login, or a wrong current password when changing it. */
  InvalidCredentials = 'INVALID_CREDENTIALS',
  /** 401: the account is disabled; an administrator must reactivate it. */
  UserDisabled = 'USER_DISABLED',
  /** 429: too many failed logins; `details` carry `retryAfterSeconds`. */
  LoginThrottled = 'LOGIN_THROTTLED',
  /** 401: the request carries no access token; log in and send it as a Bearer token. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** 401: the browser has no session cookie; log in. */
  NoSession = 'NO_SESSION',
  /** 401: the access token expired; refresh it at /api/v1/auth/refresh or log in again. */
  TokenExpired = 'TOKEN_EXPIRED',
  /** 401: the access token is malformed or its signature is wrong; log in again. */
  TokenInvalid = 'TOKEN_INVALID',
  /** 401: the session was closed (password or permission change, or logout); log in again. */
  SessionRevoked = 'SESSION_REVOKED',
  /** 401: the refresh token is unknown; log in again. */
  RefreshTokenInvalid = 'REFRESH_TOKEN_INVALID',
  /** 401: a refresh token was used twice, so its whole session was closed; log in again. */
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  /** 401: the refresh token belongs to a closed session; log in again. */
  RefreshTokenRevoked = 'REFRESH_TOKEN_REVOKED',
  /** 401: the refresh token expired; log in again. */
  RefreshTokenExpired = 'REFRESH_TOKEN_EXPIRED',
  /** 403: the password is temporary; change it before anything else. */
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  /** 403: the route declares no permission, so it is refused by default (a server defect). */
  RouteWithoutPermission = 'ROUTE_WITHOUT_PERMISSION',
  /** 403: a cookie-authenticated request failed the CSRF check; reopen the app from its address and log in. */
  CsrfRefused = 'CSRF_REFUSED',
  /** 403: the role or area of the caller does not allow the action; ask an administrator for it. */
  Forbidden = 'FORBIDDEN',
}

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
