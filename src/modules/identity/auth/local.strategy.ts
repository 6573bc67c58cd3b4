import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { ErrorDetail, ValidationFailedError } from '../../../common/errors/domain-error';
import { labelOf, noun, requiredMessage, textMessage, tooLongMessage } from '../../../common/validation/field-names';
import { LoginDto } from '../dto/identity.dto';
import type { SessionUser } from '../identity.rows';
import { AuthService } from './auth.service';

const CREDENTIALS = [
  { field: 'email', max: 320 },
  { field: 'password', max: 200 },
] as const;

/** A credential missing, not text or too long, named as the login form names it. */
export function credentialProblems(body: unknown): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const { field, max } of CREDENTIALS) {
    const value = (body as Record<string, unknown> | undefined)?.[field];
    const n = noun(labelOf(LoginDto.prototype, field)!);
    if (value === undefined || value === null || value === '') out.push({ field, message: requiredMessage(n) });
    else if (typeof value !== 'string') out.push({ field, message: textMessage(n) });
    else if (value.length > max) out.push({ field, message: tooLongMessage(n, max) });
  }
  return out;
}

/** E-mail + password login (passport-local). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<SessionUser> {
    const problems = credentialProblems(req.body);
    if (problems.length) throw new ValidationFailedError(problems);
    return this.auth.validateCredentials(email, password, { ip: req.ip, userAgent: req.get('user-agent') });
  }
}
