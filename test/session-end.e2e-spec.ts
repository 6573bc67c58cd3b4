import { appForTests, TEST_PASSWORD } from './support/app';

/**
 * "A session ends when it is ended": logging out, a revoked refresh family
 * and disabling an account end the access tokens of those sessions at once
 * and for good; and a disabled account's answer does not confirm a password.
 */
describe('ending a session ends its access tokens', () => {
  const t = appForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '50' });

  const login = (email: string, password = TEST_PASSWORD) => t.http.post('/api/v1/auth/login').send({ email, password });
  const me = (token: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });

  it('logout ends the access token of that session at once, and only of that session', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const a = (await login(u.email).expect(200)).body;
    const b = (await login(u.email).expect(200)).body;
    await me(a.accessToken).expect(200);
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: a.refreshToken }).expect(204);
    const res = await me(a.accessToken).expect(401);
    expect(res.body.code).toBe('SESSION_REVOKED');
    await me(b.accessToken).expect(200);
  });

  it('a family revoked for reuse takes every access token of that family with it', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const first = (await login(u.email).expect(200)).body;
    const other = (await login(u.email).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    await me(first.accessToken).expect(200);
    await me(second.accessToken).expect(200);
    await refresh(first.refreshToken).expect(401); // reuse: the family is revoked
    await me(first.accessToken).expect(401);
    await me(second.accessToken).expect(401);
    await me(other.accessToken).expect(200);
  });

  it('re-enabling a disabled account does not revive the access tokens it had', async () => {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const u = await t.user({ roles: ['consulta'] });
    const s = (await login(u.email).expect(200)).body;
    await admin.patch(`/api/v1/users/${u.id}`, { version: 1, active: false }).expect(200);
    await me(s.accessToken).expect(401);
    await admin.patch(`/api/v1/users/${u.id}`, { version: 2, active: true }).expect(200);
    await me(s.accessToken).expect(401);
    await refresh(s.refreshToken).expect(401);
    const again = (await login(u.email).expect(200)).body;
    await me(again.accessToken).expect(200);
  });

  it('a disabled account gets the same answer with the right password and with a wrong one', async () => {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const u = await t.user({ roles: ['consulta'] });
    await admin.patch(`/api/v1/users/${u.id}`, { version: 1, active: false }).expect(200);
    const right = await login(u.email);
    const wrong = await login(u.email, 'otra-contraseña-123');
    expect({ status: wrong.status, code: wrong.body.code, message: wrong.body.message }).toEqual({
      status: right.status,
      code: right.body.code,
      message: right.body.message,
    });
    expect(right.status).toBe(401);
  });

  it('an access token without its session family is not accepted', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const { JwtService } = await import('@nestjs/jwt');
    const token = await t.app.get(JwtService).signAsync({ sub: u.id, sv: 1, typ: 'access' }, { expiresIn: 900 });
    expect((await me(token).expect(401)).body.code).toBe('TOKEN_INVALID');
  });
});
