import { Client, createTestApp, TestApp } from './support/app';
import { fingerprint } from './support/database';
import { committedAsm, Factory } from './support/factories';
import { listRoutes } from './support/routes';
import { pdf } from './support/samples';

/**
 * Hostile JSON on every route: nesting deep enough to overflow recursive
 * processing, and text holding NUL (which PostgreSQL cannot store) or the
 * invisible controls of bidirectional text (which disguise names). Each is a
 * 400 in Spanish before anything else runs, and nothing is written.
 */
describe('hostile input on every route', () => {
  let t: TestApp;
  let c: Client;
  let f: Factory;
  const routes = listRoutes();
  const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');

  beforeAll(async () => {
    t = await createTestApp();
    const u = await t.user({ roles: ['administrador', 'evaluacion', 'coordinador', 'responsable'] });
    c = await t.as(u);
    f = Factory.joining(c, t.db, u.id);
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

  describe('control and bidirectional characters', () => {
    it('every route refuses them in the body, naming each field, and writes nothing', async () => {
      const before = await fingerprint(t.db, ['auth_throttle']);
      const body = JSON.stringify({ texto: 'a\u0000b', lista: [{ nombre: 'factura\u202efdp.exe' }] });
      for (const r of routes) {
        const res = await send(r.method, concrete(r.path), body);
        expect({ route: r.key, status: res.status, code: res.body.code }).toEqual({ route: r.key, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.details).toEqual([
          { field: 'texto', message: expect.stringMatching(/^texto contiene un carácter de control o invisible \(U\+0000\)/) },
          { field: 'lista[0].nombre', message: expect.stringContaining('(U+202E)') },
        ]);
      }
      expect(await fingerprint(t.db, ['auth_throttle'])).toEqual(before);
    }, 120_000);

    it('every route refuses them in the query string', async () => {
      for (const r of routes.filter((x) => x.method === 'GET' || x.method === 'DELETE')) {
        const url = `${concrete(r.path)}?q=a%00b`;
        const res = await (r.method === 'GET' ? c.get(url) : c.delete(url));
        expect({ route: r.key, status: res.status, field: res.body.details?.[0]?.field }).toEqual({ route: r.key, status: 400, field: 'q' });
      }
    });

    it('the finding as reported: an ASM whose topic holds NUL is a 400 naming topic, not a 500', async () => {
      const p = await f.program();
      const cy = await f.cycle('2019-2020');
      const area = await f.area();
      const before = await fingerprint(t.db);
      const res = await c
        .post('/api/v1/asms', { programId: p.id, cycleId: cy.id, coordinatingAreaId: area.id, classification: 'institucional', text: 'ASM', topic: 'a\u0000b' })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'topic', message: expect.stringContaining('U+0000') }]);
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('login and password change read the body before validation: covered too', async () => {
      const login = await t.http.post('/api/v1/auth/login').send({ email: 'a\u0000@prueba.gob.mx', password: 'x' }).expect(400);
      expect(login.body.details[0].field).toBe('email');
      const pw = await c.post('/api/v1/auth/password', { currentPassword: 'x\u202e', newPassword: 'Contraseña-nueva-2024' }).expect(400);
      expect(pw.body.details[0].field).toBe('currentPassword');
    });

    it('refuses each control class and keeps what real text uses (accents, tabs, line breaks, soft hyphens, emoji)', async () => {
      for (const ch of ['\u0007', '\u001b', '\u007f', '\u0085', '\u061c', '\u200e', '\u200f', '\u202a', '\u2066', '\u2069']) {
        const res = await c.post('/api/v1/areas', { name: `Área${ch}rara` });
        expect({ ch: ch.charCodeAt(0).toString(16), status: res.status }).toEqual({ ch: ch.charCodeAt(0).toString(16), status: 400 });
      }
      await c.post('/api/v1/areas', { name: 'Área de Planeación y Evaluación\u00ad de programas 👩‍💻' }).expect(201);
      const area = await f.area('Área para observaciones');
      const p = await f.program();
      const cy = await f.cycle('2020-2021');
      await c
        .post('/api/v1/asms', {
          programId: p.id,
          cycleId: cy.id,
          coordinatingAreaId: area.id,
          classification: 'institucional',
          text: 'Texto con\trenglones\r\nvarios',
          actions: [f.action([area.id], { observations: 'Primera línea\nSegunda línea' })],
        })
        .expect(201);
    });

    it('an evidence file name with a bidirectional control is refused; nothing is stored', async () => {
      const p = await f.program();
      const cy = await f.cycle('2021-2022');
      const area = await f.area('Área de evidencia');
      const asm = await committedAsm(c, { programId: p.id, cycleId: cy.id, coordinatingAreaId: area.id, text: 'ASM', actions: [f.action([area.id])] });
      const corte = (await c.post('/api/v1/cortes', { year: 2030, month: 3 }).expect(201)).body;
      await c.post(`/api/v1/cortes/${corte.id}/open`, { version: corte.version }).expect(200);
      const avance = (await c.post(`/api/v1/actions/${asm.actions[0].id}/avances`, { percent: 30 }).expect(201)).body;
      const before = await fingerprint(t.db);
      for (const name of ['factura\u202efdp.pdf', 'informe\u2066.pdf', 'oficio\u200f.pdf']) {
        const res = await c.upload(`/api/v1/avances/${avance.id}/evidence`, pdf(), name);
        expect({ name: JSON.stringify(name), status: res.status, code: res.body.code }).toEqual({
          name: JSON.stringify(name),
          status: 400,
          code: 'FILE_NAME_INVALID',
        });
      }
      expect(await fingerprint(t.db)).toEqual(before);
    });
  });
});
