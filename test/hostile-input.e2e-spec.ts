import { Client, createTestApp, TestApp } from './support/app';
import { fingerprint } from './support/database';
import { listRoutes } from './support/routes';

/**
 * Hostile JSON on every route: nesting deep enough to overflow recursive
 * processing is a 400 in Spanish before anything else runs, and nothing is
 * written.
 */
describe('hostile input on every route', () => {
  let t: TestApp;
  let c: Client;
  const routes = listRoutes();
  const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

  beforeAll(async () => {
    t = await createTestApp();
    const u = await t.user({ roles: ['administrador', 'evaluacion', 'coordinador', 'responsable'] });
    c = await t.as(u);
  });

  afterAll(async () => {
    await t.close();
  });

  function send(method: string, path: string, body: string, auth = true) {
    const agent = t.http as unknown as Record<string, (url: string) => import('supertest').Test>;
    const req = agent[method.toLowerCase()](path).set('Content-Type', 'application/json');
    return (auth ? req.set('Authorization', `Bearer ${c.token}`) : req).send(body);
  }

  describe('nesting depth', () => {
    const arrays = '['.repeat(244_000) + ']'.repeat(244_000);
    const objects = '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000);

    it('every route answers a deeply nested body with a 400 JSON_TOO_DEEP in Spanish, and writes nothing', async () => {
      const before = await fingerprint(t.db, ['auth_throttle']);
      for (const r of routes) {
        for (const body of [arrays, objects]) {
          const res = await send(r.method, concrete(r.path), body);
          expect({ route: r.key, status: res.status, code: res.body.code }).toEqual({ route: r.key, status: 400, code: 'JSON_TOO_DEEP' });
          expect(res.body.message).toMatch(/^El cuerpo de la solicitud anida demasiados niveles/);
        }
      }
      expect(await fingerprint(t.db, ['auth_throttle'])).toEqual(before);
    }, 120_000);

    it('without a session too (refresh, login), and the process keeps answering', async () => {
      for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/login', '/api/v1/auth/logout']) {
        const res = await send('POST', path, arrays, false);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'JSON_TOO_DEEP' });
      }
      const pending = [1, 2, 3].map(() => send('POST', '/api/v1/auth/refresh', arrays, false));
      await t.http.get('/health/live').expect(200);
      for (const res of await Promise.all(pending)) expect(res.status).toBe(400);
    });

    it('a body nested as deep as real requests still goes through', async () => {
      const res = await send('POST', '/api/v1/auth/refresh', JSON.stringify({ refreshToken: 'no-es-un-token-valido' }), false);
      expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    });
  });
});
