import { createHook } from 'node:async_hooks';
import { createTestApp, TestApp } from './support/app';
import { freePort, until } from './support/wait';

/**
 * Health checks tell anyone whether a dependency is up; only a signed-in
 * caller sees why not (driver errors carry internal addresses and ports).
 * Both places an error can show are checked: readiness (which reports Redis
 * without failing on it) and /health/redis (503 while Redis is down).
 */
describe('health details are for signed-in callers only', () => {
  let t: TestApp;
  let port: number;
  const internal = () => new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${port}`);

  beforeAll(async () => {
    port = await freePort();
    // A Redis nobody listens on: a connection error to show or to hide.
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    await until('Redis en rojo', async () => (await t.http.get('/health/redis')).status === 503);
  });

  let closed = false;
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('without a session: the status and what is down, no internal detail', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'degraded',
      checks: [
        { name: 'database', ok: true },
        { name: 'redis', ok: false },
        { name: 'storage', ok: true },
      ],
    });
    const redis = await t.http.get('/health/redis').expect(503);
    expect(redis.body.code).toBe('REDIS_UNAVAILABLE');
    expect(redis.body.message).toContain('Redis');
    expect(redis.body.details).toEqual([]);
    expect(JSON.stringify([ready.body, redis.body])).not.toMatch(internal());
  });

  it('with a bad or expired token: the same', async () => {
    const ready = await t.http.get('/health/ready').set('Authorization', 'Bearer no.es.un.token').expect(200);
    expect(JSON.stringify(ready.body)).not.toMatch(internal());
    const redis = await t.http.get('/health/redis').set('Authorization', 'Bearer no.es.un.token').expect(503);
    expect(redis.body.details).toEqual([]);
  });

  it('signed in: the details that help to fix it', async () => {
    const c = await t.as(await t.user({ roles: ['consulta'] }));
    const ready = await c.get('/health/ready').expect(200);
    expect(ready.body.checks[1]).toEqual({ name: 'redis', ok: false, error: expect.any(String) });
    const redis = await c.get('/health/redis').expect(503);
    expect(redis.body.details).toEqual([{ field: 'redis', message: expect.any(String) }]);
    expect(redis.body.details[0].message).not.toBe('');
  });

  // Last: closes the app. Redis clients that never reached Redis used to leave a 2-second timer behind them
  // (ioredis' disconnect timeout), which held the process open after everything closed (jest: "a worker process
  // has failed to exit gracefully"). Nothing of theirs may outlive the close by more than a moment.
  it('closes with Redis unreachable and leaves no Redis timer running', async () => {
    const live = new Map<number, string>();
    const hook = createHook({
      init(id, type) {
        if (type === 'Timeout') live.set(id, String(new Error().stack));
      },
      destroy(id) {
        live.delete(id);
      },
    }).enable();
    try {
      closed = true;
      await t.close();
      // Past REDIS_DISCONNECT_TIMEOUT_MS (those timers were set before this one, so they fire first), well before
      // ioredis' default 2 s.
      await new Promise((r) => setTimeout(r, 400));
      expect([...live.values()].filter((stack) => stack.includes('ioredis'))).toEqual([]);
    } finally {
      hook.disable();
    }
  });
});
