import { createHash, createSecretKey, KeyObject } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule, JwtModuleOptions, JwtSecretRequestType } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { AuthThrottleRepository } from './auth/auth-throttle.repository';
import { AuthService } from './auth/auth.service';
import { LoginThrottleService } from './auth/login-throttle.service';
import { RefreshTokensRepository } from './auth/refresh-tokens.repository';
import { TokenService } from './auth/token.service';
import { Policy } from './policy/policy';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Identity services for both processes; the passport strategies register in the API process only (api.module.ts). */
/** A session key and its id (the `kid` header of the tokens it signs): 48 bits of its SHA-256, nothing to guess it from. */
function signingKey(secret: string): { kid: string; key: KeyObject } {
  // A KeyObject, not the string: jsonwebtoken would otherwise try (and fail) to parse the secret as a public key on every verify.
  return { kid: createHash('sha256').update(secret).digest('hex').slice(0, 12), key: createSecretKey(Buffer.from(secret, 'utf8')) };
}

function kidOf(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { kid?: unknown }).kid;
  } catch {
    return undefined;
  }
}

/**
 * Tokens are signed with JWT_SECRET. While a key is rotated, JWT_SECRET_PREVIOUS verifies (never
 * signs) the tokens signed with it, picked by their `kid`: sessions continue through the rotation
 * and the old key stops counting when it is removed (docs/operations.md, "Rotar secretos").
 */
export function jwtOptions(config: AppConfig): JwtModuleOptions {
  const current = signingKey(config.get('JWT_SECRET'));
  const previousSecret = config.get('JWT_SECRET_PREVIOUS');
  const previous = previousSecret ? signingKey(previousSecret) : undefined;
  return {
    signOptions: { algorithm: 'HS256', keyid: current.kid },
    secretOrKeyProvider: (type, token) =>
      type === JwtSecretRequestType.VERIFY && previous && typeof token === 'string' && kidOf(token) === previous.kid ? previous.key : current.key,
  };
}

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: jwtOptions,
    }),
  ],
  providers: [UsersRepository, RefreshTokensRepository, AuthThrottleRepository, Policy, AuthService, TokenService, LoginThrottleService, UsersService],
  exports: [Policy, AuthService, UsersService, TokenService, JwtModule],
})
export class IdentityModule {}
