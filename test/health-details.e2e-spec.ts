import { createTestApp, TestApp } from './support/app';
import { freePort, until } from './support/wait';

/**
 * Readiness tells anyone whether the service is ready; only a signed-in
 * caller sees why not (driver errors carry internal addresses and ports).
 */
describe('readiness details are for signed-in callers only', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    // A Redis nobody listens on: readiness is red, with a connection error to show or to hide.
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    await until('readiness en rojo', async () => (await t.http.get('/health/ready')).status === 503);
  });

  afterAll(async () => {
    await t.close();
  });

  it('without a session: the status and what is down, no internal detail', async () => {
    const res = await t.http.get('/health/ready').expect(503);
    expect(res.body.code).toBe('NOT_READY');
    expect(res.body.message).toContain('Redis');
    expect(res.body.details).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${port}`));
  });

  it('with a bad or expired token: the same', async () => {
    const res = await t.http.get('/health/ready').set('Authorization', 'Bearer no.es.un.token').expect(503);
    expect(res.body.details).toEqual([]);
  });

  it('signed in: the details that help to fix it', async () => {
    const c = await t.as(await t.user({ roles: ['consulta'] }));
    const res = await c.get('/health/ready').expect(503);
    expect(res.body.details).toEqual([{ field: 'redis', message: expect.any(String) }]);
    expect(res.body.details[0].message).not.toBe('');
  });
});
