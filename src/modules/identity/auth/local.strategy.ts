import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { AuthService, SessionUser } from './auth.service';

/** E-mail + password login (passport-local). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<SessionUser> {
    if (typeof email !== 'string' || typeof password !== 'string' || email.length > 320 || password.length > 200) {
      throw new ValidationFailedError([{ field: 'email', message: 'Envía email y password como texto.' }]);
    }
    return this.auth.validateCredentials(email, password, { ip: req.ip, userAgent: req.get('user-agent') });
  }
}
