import { DomainError } from '../../../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'Correo o contraseña incorrectos; revisa los datos y vuelve a intentarlo.', 'unauthenticated');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, 'unauthenticated');
  }
}

export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number, until: Date, timeZone: string) {
    const time = new Intl.DateTimeFormat('es-MX', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(until);
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'LOGIN_THROTTLED',
      `Demasiados intentos fallidos de inicio de sesión. Intenta de nuevo a partir de las ${time} (en ${minutes} minuto${minutes === 1 ? '' : 's'}).`,
      'too_many',
      [{ message: 'Espera antes de reintentar.', retryAfterSeconds }],
    );
  }
}
