import * as passwords from '../src/modules/identity/passwords';
import { appForTests, createTestApp, TEST_PASSWORD, TestApp } from './support/app';

/**
 * The lockout counts an attempt before the password is verified, atomically,
 * so concurrent guesses cannot outrun it; wrong current passwords in a
 * password change count toward the same lockout.
 */
describe('login lockout under concurrency, and for password changes', () => {
  let t: TestApp;
  let verify: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    verify = jest.spyOn(passwords, 'verifyPassword');
  });

  afterAll(async () => {
    verify.mockRestore();
    await t.close();
  });

  const login = (email: string, password: string) => t.http.post('/api/v1/auth/login').send({ email, password });
  const statuses = (xs: { status: number }[]) => xs.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

  it('30 concurrent wrong passwords for one account: at most 5 are verified, the rest are refused without verifying', async () => {
    const u = await t.user({ roles: ['consulta'] });
    verify.mockClear();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(u.email, `incorrecta-${i}-123456`)));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statuses(results)).toEqual({ 401: verify.mock.calls.length, 429: 30 - verify.mock.calls.length });
    // Blocked: the right password is not even verified.
    verify.mockClear();
    const right = await login(u.email, TEST_PASSWORD).expect(429);
    expect(right.body.code).toBe('LOGIN_THROTTLED');
    expect(verify).not.toHaveBeenCalled();
  });

  it('an unknown account is throttled the same way (no oracle in the count)', async () => {
    verify.mockClear();
    const results = await Promise.all(Array.from({ length: 30 }, () => login('nadie.aqui@prueba.gob.mx', 'incorrecta-123456')));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    expect(statuses(results)[429]).toBeGreaterThanOrEqual(25);
  });

  it('a successful login clears the account counter', async () => {
    const u = await t.user({ roles: ['consulta'] });
    for (let i = 0; i < 4; i++) await login(u.email, 'incorrecta-123456').expect(401);
    await login(u.email, TEST_PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await login(u.email, 'incorrecta-123456').expect(401);
    await login(u.email, TEST_PASSWORD).expect(200);
  });

  describe('POST /api/v1/auth/password', () => {
    const change = (token: string, currentPassword: string) =>
      t.http.post('/api/v1/auth/password').set('Authorization', `Bearer ${token}`).send({ currentPassword, newPassword: 'Contraseña-nueva-2024' });

    it('30 wrong current passwords: at most 5 verified, then refused, and the right one is refused while blocked', async () => {
      const u = await t.user({ roles: ['consulta'] });
      const c = await t.as(u);
      verify.mockClear();
      const results: { status: number }[] = [];
      for (let i = 0; i < 30; i++) results.push(await change(c.token, `equivocada-${i}-12345`));
      expect(verify.mock.calls.length).toBe(5);
      expect(statuses(results)).toEqual({ 401: 5, 429: 25 });
      const right = await change(c.token, TEST_PASSWORD).expect(429);
      expect(right.body.code).toBe('LOGIN_THROTTLED');
      const { rows } = await t.db.query(`SELECT password_changed_at FROM users WHERE id = $1`, [u.id]);
      expect(rows[0].password_changed_at).toBeNull();
    });

    it('concurrently too, and they count toward the login lockout of the same account', async () => {
      const u = await t.user({ roles: ['consulta'] });
      const c = await t.as(u);
      verify.mockClear();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => change(c.token, `equivocada-${i}-12345`)));
      expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
      expect(statuses(results)[429]).toBeGreaterThanOrEqual(25);
      await login(u.email, TEST_PASSWORD).expect(429);
    });

    it('the right current password still works when not blocked', async () => {
      const u = await t.user({ roles: ['consulta'] });
      const c = await t.as(u);
      await change(c.token, 'equivocada-12345').expect(401);
      await change(c.token, TEST_PASSWORD).expect(200);
      await login(u.email, 'Contraseña-nueva-2024').expect(200);
    });
  });
});

describe('the per-address lockout counts failures only', () => {
  const t = appForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });

  it('many successful logins from one address never block it; concurrent failures across accounts stop at the limit', async () => {
    const users = await Promise.all(Array.from({ length: 3 }, () => t.user({ roles: ['consulta'] })));
    for (let i = 0; i < 10; i++)
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: users[i % 3].email, password: TEST_PASSWORD })
        .expect(200);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.http.post('/api/v1/auth/login').send({ email: `otra${i}@prueba.gob.mx`, password: 'incorrecta-123456' })),
    );
    expect(results.filter((r) => r.status === 401).length).toBeLessThanOrEqual(4);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(26);
  });
});
