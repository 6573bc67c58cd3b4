import { appForTests, TEST_PASSWORD } from './support/app';

// Its own file (and app): the per-address counter is shared by every request from the test runner.
describe('login throttling per address', () => {
  const t = appForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });

  it('blocks an address after repeated failures across accounts, even with a right password', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: `x${i}@prueba.gob.mx`, password: 'incorrecta-123456' })
        .expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    const u = await t.user({ roles: ['consulta'] });
    const res = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    const rows = await t.db.query(`SELECT key, blocked_until IS NOT NULL AS blocked FROM auth_throttle WHERE key LIKE 'ip:%'`);
    expect(rows.rows).toEqual([{ key: expect.stringMatching(/^ip:/), blocked: true }]);
  });
});
