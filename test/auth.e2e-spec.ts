import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { appForTests, TEST_PASSWORD } from './support/app';

describe('sessions: login, refresh rotation, revocation, throttling', () => {
  // A small limit keeps the throttling test short; the defaults are 5 per account, 20 per address.
  const t = appForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '50' });

  function login(email: string, password = TEST_PASSWORD) {
    return t.http.post('/api/v1/auth/login').send({ email, password });
  }

  const me = (token: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('logs in with e-mail and password and uses the access token', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const res = await login(u.email.toUpperCase()).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: u.id, roles: ['consulta'] } });
    expect(res.body.refreshToken).toMatch(/^[\w-]{40,}$/);
    const profile = await me(res.body.accessToken).expect(200);
    expect(profile.body).toMatchObject({ id: u.id, email: u.email, roles: ['consulta'], hasPassword: true });
    expect(profile.body.passwordHash).toBeUndefined();
    // Only a hash of the refresh token is stored.
    const stored = await t.db.query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [u.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash).not.toContain(res.body.refreshToken);
    expect(JSON.stringify(stored.rows)).not.toContain(res.body.refreshToken);
  });

  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const wrong = await login(u.email, 'otra-contraseña-1').expect(401);
    const unknown = await login('nadie@prueba.gob.mx', 'otra-contraseña-1').expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toMatchObject({ code: wrong.body.code, message: wrong.body.message });
    const missing = await t.http.post('/api/v1/auth/login').send({}).expect(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses requests without a token, with a bad token and with an expired token', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const none = await t.http.get('/api/v1/asms').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    const bad = await me('no.es.un.token').expect(401);
    expect(bad.body.code).toBe('TOKEN_INVALID');
    const secret = t.config.get('JWT_SECRET');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = jwt.sign({ sub: u.id, sv: 1, typ: 'access', iat: past, exp: past + 900 }, secret, { algorithm: 'HS256' });
    const res = await me(expired).expect(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
    expect(res.body.message).toMatch(/expiró/);
    const forged = jwt.sign({ sub: u.id, sv: 1, typ: 'access' }, 'otro-secreto-de-al-menos-32-caracteres!!', { algorithm: 'HS256', expiresIn: 900 });
    expect((await me(forged).expect(401)).body.code).toBe('TOKEN_INVALID');
  });

  it('refuses a token once it expires, even one it has already accepted', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const family = randomUUID();
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = jwt.sign({ sub: u.id, sv: 1, typ: 'access', fam: family, exp }, t.config.get('JWT_SECRET'), { algorithm: 'HS256' });
    await me(token).expect(200);
    await me(token).expect(200);
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 50));
    expect((await me(token).expect(401)).body.code).toBe('TOKEN_EXPIRED');
  });

  it('rotates the refresh token on every use', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const first = (await login(u.email).expect(200)).body;
    const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await me(second.accessToken).expect(200);
    const third = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)).body;
    await me(third.accessToken).expect(200);
    const family = await t.db.query(`SELECT count(DISTINCT family_id)::int AS f, count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`, [u.id]);
    expect(family.rows[0]).toEqual({ f: 1, n: 3 });
  });

  it('revokes the whole family when a used refresh token is presented again', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const first = (await login(u.email).expect(200)).body;
    const other = (await login(u.email).expect(200)).body; // another device: another family
    const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate latest token of that family is now dead too.
    const after = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect(after.body.code).toBe('REFRESH_TOKEN_REVOKED');
    // The other device's family is untouched.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('stops a disabled user at once, access and refresh', async () => {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const u = await t.user({ roles: ['consulta'] });
    const s = (await login(u.email).expect(200)).body;
    await me(s.accessToken).expect(200);
    await admin.patch(`/api/v1/users/${u.id}`, { version: 1, active: false }).expect(200);
    const res = await me(s.accessToken).expect(401);
    expect(res.body.code).toBe('USER_DISABLED');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    const again = await login(u.email).expect(401);
    expect(again.body.code).toBe('USER_DISABLED');
  });

  it('throttles an account after repeated failures, with a Spanish message saying when to retry', async () => {
    const u = await t.user({ roles: ['consulta'] });
    for (let i = 0; i < 3; i++) await login(u.email, 'incorrecta-123456').expect(401);
    const blocked = await login(u.email).expect(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(blocked.body.message).toMatch(
      /^Demasiados intentos fallidos de inicio de sesión\. Intenta de nuevo a partir de las \d{2}:\d{2} \(en 15 minutos\)\.$/,
    );
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right password is refused while blocked; no session is created.
    const sessions = await t.db.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`, [u.id]);
    expect(sessions.rows[0].n).toBe(0);
    // Other accounts from elsewhere are not affected.
    const v = await t.user({ roles: ['consulta'] });
    await login(v.email).expect(200);
  });

  it('changes the password: old refresh tokens and old access tokens stop working, the new pair works', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const a = (await login(u.email).expect(200)).body;
    const b = (await login(u.email).expect(200)).body;
    const weak = await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${a.accessToken}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'corta1' })
      .expect(400);
    expect(weak.body.message).toBe('La contraseña debe tener al menos 12 caracteres, con letras y números, y no debe contener tu correo.');
    await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${a.accessToken}`)
      .send({ currentPassword: 'equivocada-12345', newPassword: 'Nueva-contraseña-2024' })
      .expect(401);
    const changed = await t.http
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${a.accessToken}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Nueva-contraseña-2024' })
      .expect(200);
    for (const old of [a.refreshToken, b.refreshToken]) {
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: old }).expect(401);
    }
    expect((await me(b.accessToken).expect(401)).body.code).toBe('SESSION_REVOKED');
    await me(changed.body.accessToken).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: changed.body.refreshToken }).expect(200);
    await login(u.email).expect(401);
    await login(u.email, 'Nueva-contraseña-2024').expect(200);
  });

  it('lets the administrator reset a password, ending every session of the user', async () => {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const u = await t.user({ roles: ['consulta'] });
    const s = (await login(u.email).expect(200)).body;
    await admin.post(`/api/v1/users/${u.id}/password`, { newPassword: 'Temporal-2024-cambiar' }).expect(204);
    await me(s.accessToken).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await login(u.email, 'Temporal-2024-cambiar').expect(200);
  });

  it('logs out: the refresh token family is revoked', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const s = (await login(u.email).expect(200)).body;
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('manages users: create with roles and areas, refuse weak passwords and duplicates, nothing written on refusal', async () => {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const area = (await admin.post('/api/v1/areas', { name: 'Coordinación de Usuarios' }).expect(201)).body;
    const created = await admin
      .post('/api/v1/users', {
        email: 'Nueva.Persona@IMSS.gob.mx',
        fullName: 'Nueva Persona',
        roles: ['responsable', 'consulta'],
        areaIds: [area.id],
        password: 'Bienvenida-2024x',
      })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'nueva.persona@imss.gob.mx', roles: ['responsable', 'consulta'], areas: [{ id: area.id }], active: true });
    await login('nueva.persona@imss.gob.mx', 'Bienvenida-2024x').expect(200);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    await admin.post('/api/v1/users', { email: 'otra@imss.gob.mx', fullName: 'Otra', roles: ['consulta'], password: 'corta' }).expect(400);
    await admin.post('/api/v1/users', { email: 'otra@imss.gob.mx', fullName: 'Otra', roles: ['jefe'] }).expect(400);
    await admin.post('/api/v1/users', { email: 'nueva.persona@imss.gob.mx', fullName: 'Repetida', roles: ['consulta'] }).expect(409);
    await admin.post('/api/v1/users', { email: 'no-es-correo', fullName: 'X', roles: ['consulta'] }).expect(400);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
