import type { JwtService } from '@nestjs/jwt';
import type { AccessClaims } from '../identity/auth/token.service';

/**
 * Whether a request carries a valid, unexpired access token. Signature and
 * expiry only, no database: readiness must still tell a signed-in operator
 * why it is red while PostgreSQL is down.
 */
export async function carriesAccessToken(jwt: JwtService, authorization: string | undefined): Promise<boolean> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return false;
  try {
    const claims = await jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    return claims.typ === 'access';
  } catch {
    return false;
  }
}
