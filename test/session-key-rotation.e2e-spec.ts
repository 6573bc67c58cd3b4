import { createHash, randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApiApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { ConfigError } from '../src/config/env.schema';
import { createTestApp, TEST_PASSWORD, TestApp, testEnv } from './support/app';

const kid = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 12);
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { kid?: string; alg: string };

/**
 * Rotating JWT_SECRET (docs/operations.md): with the old key in JWT_SECRET_PREVIOUS, sessions
 * signed with it go on while new ones are signed with the new key; once the old key is removed,
 * its tokens stop counting. The previous key never signs, and a token cannot choose it by its
 * `kid` unless it was really signed with it.
 */
describe('rotating the session key with an overlap window', () => {
  const oldKey = randomBytes(32).toString('hex');
  const newKey = randomBytes(32).toString('hex');
  let t: TestApp;
  const apps: INestApplication[] = [];

  /** Another API process on the same database with its own keys. */
  async function api(keys: Record<string, string>) {
    const app = await createApiApp(new AppConfig(testEnv(t.config.get('DATABASE_URL'), keys)));
    await app.init();
    apps.push(app);
    return request(app.getHttpServer());
  }

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET: oldKey });
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await t.close();
  });

  it('accepts the previous key for verification during the overlap, and not after', async () => {
    const user = await t.user({ roles: ['evaluacion'] });
    const login = async (http: request.Agent | ReturnType<typeof request>) =>
      (await http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200)).body.accessToken as string;
    const before = await login(t.http);
    expect(headerOf(before)).toMatchObject({ alg: 'HS256', kid: kid(oldKey) });

    const rotating = await api({ JWT_SECRET: newKey, JWT_SECRET_PREVIOUS: oldKey });
    await rotating.get('/api/v1/auth/me').set('Authorization', `Bearer ${before}`).expect(200);
    await rotating.get('/api/v1/asms').set('Authorization', `Bearer ${before}`).expect(200);
    // New sessions are signed with the new key only.
    const after = await login(rotating);
    expect(headerOf(after).kid).toBe(kid(newKey));
    expect(() => jwt.verify(after, oldKey)).toThrow(/invalid signature/);
    await rotating.get('/api/v1/auth/me').set('Authorization', `Bearer ${after}`).expect(200);

    // Rotation over: the previous key removed, its tokens no longer count; the new ones do.
    const rotated = await api({ JWT_SECRET: newKey });
    const refused = await rotated.get('/api/v1/auth/me').set('Authorization', `Bearer ${before}`).expect(401);
    expect(refused.body.code).toBe('TOKEN_INVALID');
    await rotated.get('/api/v1/auth/me').set('Authorization', `Bearer ${after}`).expect(200);
  });

  it('a token naming the previous key but signed with another is refused', async () => {
    const user = await t.user({ roles: ['administrador'] });
    const [row] = (await t.db.query(`SELECT session_version FROM users WHERE id = $1`, [user.id])).rows;
    const claims = { sub: user.id, sv: row.session_version, typ: 'access', fam: '00000000-0000-4000-8000-000000000000' };
    const forged = jwt.sign(claims, randomBytes(32).toString('hex'), { algorithm: 'HS256', keyid: kid(oldKey), expiresIn: 900 });
    const withoutKid = jwt.sign(claims, oldKey, { algorithm: 'HS256', expiresIn: 900 });
    const rotating = await api({ JWT_SECRET: newKey, JWT_SECRET_PREVIOUS: oldKey });
    expect((await rotating.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401)).body.code).toBe('TOKEN_INVALID');
    // Without a kid a token is checked against the current key only.
    expect((await rotating.get('/api/v1/auth/me').set('Authorization', `Bearer ${withoutKid}`).expect(401)).body.code).toBe('TOKEN_INVALID');
  });

  it('a previous key shorter than the rule is a configuration error naming it', () => {
    expect(() => new AppConfig(testEnv('postgres://x@127.0.0.1/x', { JWT_SECRET_PREVIOUS: 'corta' }))).toThrow(ConfigError);
    expect(() => new AppConfig(testEnv('postgres://x@127.0.0.1/x', { JWT_SECRET_PREVIOUS: 'corta' }))).toThrow(/JWT_SECRET_PREVIOUS: debe tener al menos 32/);
    // Empty (as compose passes it outside a rotation) is no previous key.
    expect(new AppConfig(testEnv('postgres://x@127.0.0.1/x', { JWT_SECRET_PREVIOUS: '' })).get('JWT_SECRET_PREVIOUS')).toBeUndefined();
  });
});
