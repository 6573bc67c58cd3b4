import { hash, verify } from '@node-rs/argon2';
import { ValidationFailedError } from '../../common/errors/domain-error';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// (Algorithm.Argon2id is a const enum, not importable under isolatedModules: its value is 2.)
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('contraseña-inexistente-para-igualar-tiempos');
  return decoy;
}

export const PASSWORD_POLICY = 'La contraseña debe tener al menos 12 caracteres, con letras y números, y no debe contener tu correo.';

/** Throws a Spanish validation error naming the field when the password breaks the policy. */
export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  const ok =
    password.length >= 12 &&
    password.length <= 200 &&
    /\p{L}/u.test(password) &&
    /\d/.test(password) &&
    (local.length < 3 || !password.toLowerCase().includes(local));
  if (!ok) throw new ValidationFailedError([{ field, message: PASSWORD_POLICY }], PASSWORD_POLICY);
}
