import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '../../config/app-config';
import { AuthService } from './auth/auth.service';
import { LoginThrottleService } from './auth/login-throttle.service';
import { TokenService } from './auth/token.service';
import { Policy } from './policy/policy';
import { UsersService } from './users.service';

/** Identity services for both processes; the passport strategies register in the API process only (api.module.ts). */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, not the string: jsonwebtoken would otherwise try (and fail) to parse the secret as a public key on every verify.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.get('JWT_SECRET'), 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [Policy, AuthService, TokenService, LoginThrottleService, UsersService],
  exports: [Policy, AuthService, UsersService, TokenService, JwtModule],
})
export class IdentityModule {}
