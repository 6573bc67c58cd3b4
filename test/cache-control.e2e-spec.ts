import { appForTests, TEST_PASSWORD } from './support/app';
import { listRoutes } from './support/routes';

/** Nothing the API answers (tokens, records, documents, errors) may be kept by a browser or a shared cache. */
describe('Cache-Control: no-store on every API response', () => {
  const t = appForTests();

  it('login and refresh, which carry tokens', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const login = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const refresh = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(refresh.headers['cache-control']).toBe('no-store');
  });

  it('every route of the API, answered with data or with an error', async () => {
    const c = await t.as(await t.user({ roles: ['administrador', 'evaluacion', 'coordinador', 'responsable', 'consulta'] }));
    const api = listRoutes().filter((r) => r.path.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(40);
    for (const r of api) {
      const path = r.path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await (c as unknown as Record<string, (p: string) => import('supertest').Test>)[r.method.toLowerCase()](path);
      // Downloads add `private`; what matters is the no-store directive.
      const directives = String(res.headers['cache-control'] ?? '').split(/,\s*/);
      expect({ route: r.key, noStore: directives.includes('no-store') }).toEqual({ route: r.key, noStore: true });
    }
    const list = await c.get('/api/v1/asms').expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const unauthenticated = await t.http.get('/api/v1/asms').expect(401);
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });
});
