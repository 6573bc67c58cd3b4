import { appForTests, TestApp } from './support/app';

/**
 * X-Forwarded-For names the client only when a trusted proxy wrote it. By
 * default no proxy is trusted: a local client cannot pick its own address to
 * escape the per-address lockout, nor put a made-up address in the bitácora.
 * Behind a reverse proxy, TRUST_PROXY says which one (hop count or addresses).
 */
describe('client address behind (and without) a proxy', () => {
  const login = (t: TestApp, forwardedFor: string, i: number) =>
    t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ email: `x${i}@prueba.gob.mx`, password: 'incorrecta-123456' });

  async function changeRecordedFrom(t: TestApp, forwardedFor: string): Promise<string | null> {
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const res = await admin
      .post('/api/v1/areas', { name: `Área desde ${forwardedFor}` })
      .set('X-Forwarded-For', forwardedFor)
      .expect(201);
    const { rows } = await t.db.query(`SELECT ip_address FROM audit_events WHERE request_id = $1`, [res.headers['x-request-id']]);
    return rows[0].ip_address;
  }

  describe('by default (no TRUST_PROXY)', () => {
    const t = appForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });

    it('a client that changes X-Forwarded-For on every attempt is still one address for the lockout', async () => {
      for (let i = 0; i < 4; i++) await login(t, `198.51.100.${i}`, i).expect(401);
      const blocked = await login(t, '198.51.100.99', 99).expect(429);
      expect(blocked.body.code).toBe('LOGIN_THROTTLED');
      const { rows } = await t.db.query(`SELECT key FROM auth_throttle WHERE key LIKE 'ip:%'`);
      expect(rows.map((r) => r.key)).toEqual([expect.stringMatching(/^ip:(::ffff:)?127\.0\.0\.1$/)]);
    });

    it('the bitácora records the connection address, not the one the client claims', async () => {
      expect(await changeRecordedFrom(t, '10.9.9.9')).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });
  });

  describe('behind a proxy named by TRUST_PROXY', () => {
    const t = appForTests({ TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });

    it('the address the proxy forwards is the client: each has its own counter, and it is what the bitácora records', async () => {
      for (let i = 0; i < 4; i++) await login(t, '198.51.100.1', i).expect(401);
      await login(t, '198.51.100.1', 9).expect(429);
      await login(t, '198.51.100.2', 10).expect(401);
      expect(await changeRecordedFrom(t, '203.0.113.7')).toBe('203.0.113.7');
    });
  });
});
