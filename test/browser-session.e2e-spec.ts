import type { Response } from 'supertest';
import { createTestApp, TEST_PASSWORD, TestApp, TestUser } from './support/app';
import { fingerprint } from './support/database';

/*
 * Sessions of the web application: the refresh token lives only in an
 * httpOnly, SameSite=Strict cookie scoped to /api/v1/auth; the cookie routes
 * answer only requests that carry the X-ASM-CSRF header and come from this
 * origin. The JSON token flow for API clients is unchanged.
 */
describe('browser sessions (cookie + CSRF)', () => {
  let t: TestApp;
  let user: TestUser;
  let areaId: string;

  beforeAll(async () => {
    t = await createTestApp();
    areaId = (await t.db.query(`INSERT INTO areas (name, name_key) VALUES ('Área de sesiones', 'area de sesiones') RETURNING id`)).rows[0].id;
    user = await t.user({ roles: ['responsable'], areaIds: [areaId] });
  });
  afterAll(() => t.close());

  const cookieOf = (res: Response): string | undefined => {
    const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
    return raw?.find((c) => c.startsWith('asm_refresh='));
  };
  const valueOf = (setCookie: string) => setCookie.split(';')[0];

  async function signIn(): Promise<{ res: Response; cookie: string }> {
    const res = await t.http.post('/api/v1/auth/session').set('X-ASM-CSRF', '1').send({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    return { res, cookie: valueOf(cookieOf(res)!) };
  }

  it('signs in: access token and profile in the body, the refresh token only in an httpOnly SameSite=Strict cookie scoped to the auth routes', async () => {
    const { res } = await signIn();
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: user.id,
        email: user.email,
        fullName: expect.any(String),
        roles: ['responsable'],
        areas: [{ id: areaId, name: 'Área de sesiones' }],
        mustChangePassword: false,
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/refresh/i);
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth(;|$)/);
    // supertest talks to 127.0.0.1: the developer's machine, where a Secure cookie would be dropped.
    expect(cookie).not.toMatch(/Secure/);
    const me = await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(user.email);
  });

  it('marks the cookie Secure outside localhost', async () => {
    const res = await t.http
      .post('/api/v1/auth/session')
      .set('Host', 'asm.example.gob.mx')
      .set('X-ASM-CSRF', '1')
      .send({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).toMatch(/; Secure/);
  });

  it('refuses every cookie route without the CSRF header, or from another origin, before touching anything', async () => {
    const { cookie } = await signIn();
    const before = await fingerprint(t.db);
    const attempts: [string, Response][] = [
      ['login sin encabezado', await t.http.post('/api/v1/auth/session').send({ email: user.email, password: TEST_PASSWORD })],
      [
        'login desde otro origen',
        await t.http
          .post('/api/v1/auth/session')
          .set('X-ASM-CSRF', '1')
          .set('Origin', 'https://atacante.example')
          .send({ email: user.email, password: TEST_PASSWORD }),
      ],
      ['renovar sin encabezado', await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie)],
      [
        'renovar desde otro origen',
        await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1').set('Origin', 'https://atacante.example'),
      ],
      [
        'renovar desde otro sitio',
        await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1').set('Sec-Fetch-Site', 'cross-site'),
      ],
      ['cerrar sin encabezado', await t.http.post('/api/v1/auth/session/logout').set('Cookie', cookie)],
    ];
    for (const [what, res] of attempts) {
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 403, code: 'CSRF_REFUSED' });
      expect(res.body.message).toMatch(/^Solicitud rechazada por seguridad/);
      expect(cookieOf(res)).toBeUndefined();
    }
    expect(await fingerprint(t.db)).toEqual(before);
    // The refused refresh did not consume the cookie: it still works from the right page.
    const ok = await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1');
    expect(ok.status).toBe(200);
  });

  it('refreshes with the cookie, rotating it; a reused cookie ends the whole family', async () => {
    const { cookie } = await signIn();
    const r1 = await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1');
    expect(r1.status).toBe(200);
    expect(r1.body.user.id).toBe(user.id);
    const next = valueOf(cookieOf(r1)!);
    expect(next).not.toBe(cookie);
    const reuse = await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1');
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    expect(cookieOf(reuse)).toMatch(/Expires=Thu, 01 Jan 1970/);
    const afterTheft = await t.http.post('/api/v1/auth/session/refresh').set('Cookie', next).set('X-ASM-CSRF', '1');
    expect(afterTheft.status).toBe(401);
  });

  it('answers 401 NO_SESSION without a cookie', async () => {
    const res = await t.http.post('/api/v1/auth/session/refresh').set('X-ASM-CSRF', '1');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('NO_SESSION');
  });

  it('signs out: clears the cookie and revokes its family', async () => {
    const { cookie } = await signIn();
    const out = await t.http.post('/api/v1/auth/session/logout').set('Cookie', cookie).set('X-ASM-CSRF', '1');
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/^asm_refresh=;.*Path=\/api\/v1\/auth/);
    const { rows } = await t.db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live, count(*)::int AS n FROM refresh_tokens WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [cookie.split('=')[1]],
    );
    expect(rows[0]).toEqual({ live: 0, n: 1 });
    const again = await t.http.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1');
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('REFRESH_TOKEN_REVOKED');
  });

  it('changes the password from the page: new cookie, every other session ends', async () => {
    const other = await t.user({ roles: ['consulta'] });
    const signInOther = () => t.http.post('/api/v1/auth/session').set('X-ASM-CSRF', '1').send({ email: other.email, password: TEST_PASSWORD });
    const first = await signInOther();
    const second = await signInOther();
    const changed = await t.http
      .post('/api/v1/auth/session/password')
      .set('Authorization', `Bearer ${second.body.accessToken}`)
      .set('X-ASM-CSRF', '1')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Nueva-contraseña-2026' });
    expect(changed.status).toBe(200);
    const fresh = valueOf(cookieOf(changed)!);
    expect(
      (
        await t.http
          .post('/api/v1/auth/session/refresh')
          .set('Cookie', valueOf(cookieOf(first)!))
          .set('X-ASM-CSRF', '1')
      ).status,
    ).toBe(401);
    expect((await t.http.post('/api/v1/auth/session/refresh').set('Cookie', fresh).set('X-ASM-CSRF', '1')).status).toBe(200);
    const weak = await t.http
      .post('/api/v1/auth/session/password')
      .set('Authorization', `Bearer ${changed.body.accessToken}`)
      .set('X-ASM-CSRF', '1')
      .send({ currentPassword: 'Nueva-contraseña-2026', newPassword: 'corta1' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/al menos 12 caracteres/);
  });

  it('keeps the JSON token flow for API clients unchanged: tokens in the body, no cookie', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toEqual(expect.objectContaining({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer' }));
    expect(cookieOf(login)).toBeUndefined();
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(cookieOf(refreshed)).toBeUndefined();
    expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: refreshed.body.refreshToken })).status).toBe(204);
  });

  it('tells a wrong password apart, without a cookie', async () => {
    const res = await t.http.post('/api/v1/auth/session').set('X-ASM-CSRF', '1').send({ email: user.email, password: 'equivocada-123456' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(cookieOf(res)).toBeUndefined();
  });
});
