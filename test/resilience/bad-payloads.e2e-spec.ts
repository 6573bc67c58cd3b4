import { readdir } from 'node:fs/promises';
import fc from 'fast-check';
import type { Response, Test } from 'supertest';
import { Client, createTestApp, TestApp } from '../support/app';
import { fingerprint } from '../support/database';
import { listRoutes } from '../support/routes';
import { PNG } from '../support/samples';

/*
 * R2: generated bad payloads on every write route of the application's own
 * route table (fast-check). Whatever comes in, the answer is never a 5xx, and
 * an answer in 4xx leaves every table as it was (and no stored file behind).
 * The caller holds every role in the areas of the fixture, so that requests
 * get past authorization and reach validation and the rules.
 */

interface Fx {
  userId: string;
  institutionId: string;
  programId: string;
  areaId: string;
  evaluationId: string;
  recommendationId: string;
  asmId: string;
  draftAsmId: string;
  actionId: string;
  corteId: string;
  borradorId: string;
  enviadoId: string;
  evidenceId: string;
  prorrogaId: string;
}

interface Route {
  path: (fx: Fx) => string;
  /** A well-formed body the generators take apart. */
  body: (fx: Fx) => Record<string, unknown>;
  /** multipart/form-data with a file in "file". */
  upload?: boolean;
  /** Headers a well-behaved client sends (the web app's CSRF header), so payloads reach validation. */
  headers?: Record<string, string>;
}

const CSRF = { 'X-ASM-CSRF': '1' };

const UUID_NOBODY = '00000000-0000-4000-8000-000000000000';

const ROUTES: Record<string, Route> = {
  'POST /api/v1/auth/login': { path: () => '/api/v1/auth/login', body: () => ({ email: 'nadie@prueba.gob.mx', password: 'Otra-clave-2025' }) },
  'POST /api/v1/auth/logout': { path: () => '/api/v1/auth/logout', body: () => ({ refreshToken: 'x'.repeat(40) }) },
  'POST /api/v1/auth/refresh': { path: () => '/api/v1/auth/refresh', body: () => ({ refreshToken: 'x'.repeat(40) }) },
  'POST /api/v1/auth/password': { path: () => '/api/v1/auth/password', body: () => ({ currentPassword: 'no-es-la-clave', newPassword: 'Nueva-clave-2025' }) },
  'POST /api/v1/auth/session': {
    path: () => '/api/v1/auth/session',
    body: () => ({ email: 'nadie@prueba.gob.mx', password: 'Otra-clave-2025' }),
    headers: CSRF,
  },
  'POST /api/v1/auth/session/refresh': { path: () => '/api/v1/auth/session/refresh', body: () => ({}), headers: CSRF },
  'POST /api/v1/auth/session/logout': { path: () => '/api/v1/auth/session/logout', body: () => ({}), headers: CSRF },
  'POST /api/v1/auth/session/password': {
    path: () => '/api/v1/auth/session/password',
    body: () => ({ currentPassword: 'no-es-la-clave', newPassword: 'Nueva-clave-2025' }),
    headers: CSRF,
  },
  'POST /api/v1/users': {
    path: () => '/api/v1/users',
    body: (fx) => ({ email: 'nuevo@prueba.gob.mx', fullName: 'Nuevo', roles: ['consulta'], areaIds: [fx.areaId] }),
  },
  'PATCH /api/v1/users/:id': {
    path: (fx) => `/api/v1/users/${fx.userId}`,
    body: (fx) => ({ version: 1, fullName: 'Otro', roles: ['consulta'], areaIds: [fx.areaId], active: true }),
  },
  'POST /api/v1/users/:id/password': { path: (fx) => `/api/v1/users/${fx.userId}/password`, body: () => ({ newPassword: 'Restablecida-2025' }) },
  'POST /api/v1/ramos': { path: () => '/api/v1/ramos', body: () => ({ code: '33', name: 'Ramo' }) },
  'POST /api/v1/institutions': { path: () => '/api/v1/institutions', body: () => ({ acronym: 'INSX', name: 'Institución' }) },
  'PATCH /api/v1/institutions/:id': { path: (fx) => `/api/v1/institutions/${fx.institutionId}`, body: () => ({ version: 1, name: 'Otra' }) },
  'POST /api/v1/programs': {
    path: () => '/api/v1/programs',
    body: (fx) => ({ institutionId: fx.institutionId, ramoCode: '19', modality: 'E', code: '001', name: 'Programa' }),
  },
  'PATCH /api/v1/programs/:id': { path: (fx) => `/api/v1/programs/${fx.programId}`, body: () => ({ version: 1, name: 'Otro' }) },
  'POST /api/v1/areas': { path: () => '/api/v1/areas', body: () => ({ name: 'Área nueva', acronym: 'AN' }) },
  'PATCH /api/v1/areas/:id': { path: (fx) => `/api/v1/areas/${fx.areaId}`, body: () => ({ version: 1, acronym: 'AB' }) },
  'POST /api/v1/cycles': { path: () => '/api/v1/cycles', body: () => ({ label: '2030-2031' }) },
  'POST /api/v1/evaluations': {
    path: () => '/api/v1/evaluations',
    body: (fx) => ({ title: 'Evaluación', evaluationType: 'Diseño', coordinatingInstance: 'CONEVAL', programIds: [fx.programId] }),
  },
  'PATCH /api/v1/evaluations/:id': { path: (fx) => `/api/v1/evaluations/${fx.evaluationId}`, body: () => ({ version: 1, evaluator: 'Evaluador' }) },
  'POST /api/v1/evaluations/:id/recommendations': {
    path: (fx) => `/api/v1/evaluations/${fx.evaluationId}/recommendations`,
    body: () => ({ number: 2, text: 'Otra' }),
  },
  'PATCH /api/v1/recommendations/:id': { path: (fx) => `/api/v1/recommendations/${fx.recommendationId}`, body: () => ({ version: 1, text: 'Corregida' }) },
  'POST /api/v1/asms': {
    path: () => '/api/v1/asms',
    body: (fx) => ({ programId: fx.programId, cycleId: UUID_NOBODY, coordinatingAreaId: fx.areaId, text: 'ASM', classification: 'especifico' }),
  },
  'PATCH /api/v1/asms/:id': { path: (fx) => `/api/v1/asms/${fx.draftAsmId}`, body: () => ({ version: 1, text: 'Editado' }) },
  'POST /api/v1/asms/:id/actions': {
    path: (fx) => `/api/v1/asms/${fx.draftAsmId}/actions`,
    body: (fx) => ({ description: 'Acción', responsibleAreaIds: [fx.areaId], dueDate: '2030-12-31', expectedResults: 'R', products: 'P' }),
  },
  'POST /api/v1/asms/:id/commit': { path: (fx) => `/api/v1/asms/${fx.draftAsmId}/commit`, body: () => ({ version: 1 }) },
  'POST /api/v1/asms/:id/cancel': { path: (fx) => `/api/v1/asms/${fx.draftAsmId}/cancel`, body: () => ({ version: 1, reason: 'Motivo' }) },
  'POST /api/v1/asms/:id/reopen': { path: (fx) => `/api/v1/asms/${fx.asmId}/reopen`, body: () => ({ version: 1, reason: 'Motivo' }) },
  'PATCH /api/v1/actions/:id': { path: (fx) => `/api/v1/actions/${fx.actionId}`, body: () => ({ version: 1, observations: 'Nota' }) },
  'DELETE /api/v1/actions/:id': { path: (fx) => `/api/v1/actions/${fx.actionId}`, body: () => ({ version: 1 }) },
  'POST /api/v1/cortes': { path: () => '/api/v1/cortes', body: () => ({ year: 2031, month: 3 }) },
  'POST /api/v1/cortes/:id/open': { path: (fx) => `/api/v1/cortes/${fx.corteId}/open`, body: () => ({ version: 1 }) },
  'POST /api/v1/cortes/:id/close': { path: (fx) => `/api/v1/cortes/${fx.corteId}/close`, body: () => ({ version: 1, force: false }) },
  'PUT /api/v1/settings/:key': { path: () => '/api/v1/settings/institucion.nombre', body: () => ({ value: 'Institución' }) },
  'POST /api/v1/imports/:source': { path: () => '/api/v1/imports/oficial?ramo=19&institucion=IMSS', body: () => ({}), upload: true },
  'POST /api/v1/reminders/run': { path: () => '/api/v1/reminders/run', body: () => ({ date: '2030-01-15' }) },
  'POST /api/v1/actions/:id/avances': { path: (fx) => `/api/v1/actions/${fx.actionId}/avances`, body: () => ({ percent: 40, observations: 'Avance' }) },
  'PATCH /api/v1/avances/:id': { path: (fx) => `/api/v1/avances/${fx.borradorId}`, body: () => ({ version: 1, percent: 60 }) },
  'POST /api/v1/avances/:id/submit': { path: (fx) => `/api/v1/avances/${fx.borradorId}/submit`, body: () => ({ version: 1 }) },
  'POST /api/v1/avances/:id/approve': { path: (fx) => `/api/v1/avances/${fx.enviadoId}/approve`, body: () => ({ version: 1 }) },
  'POST /api/v1/avances/:id/return': { path: (fx) => `/api/v1/avances/${fx.enviadoId}/return`, body: () => ({ version: 1, reason: 'Falta evidencia' }) },
  'POST /api/v1/avances/:id/evidence': { path: (fx) => `/api/v1/avances/${fx.borradorId}/evidence`, body: () => ({}), upload: true },
  'POST /api/v1/evidence/:id/withdraw': { path: (fx) => `/api/v1/evidence/${fx.evidenceId}/withdraw`, body: () => ({ version: 1, reason: 'Equivocado' }) },
  'POST /api/v1/actions/:id/prorrogas': {
    path: (fx) => `/api/v1/actions/${fx.actionId}/prorrogas`,
    body: () => ({ requestedDueDate: '2031-06-30', justification: 'Cambio de prioridades' }),
  },
  'POST /api/v1/prorrogas/:id/approve': { path: (fx) => `/api/v1/prorrogas/${fx.prorrogaId}/approve`, body: () => ({ version: 1 }) },
  'POST /api/v1/prorrogas/:id/reject': { path: (fx) => `/api/v1/prorrogas/${fx.prorrogaId}/reject`, body: () => ({ version: 1, reason: 'Sin sustento' }) },
};

/** Values a client might send where something else was expected. */
const badValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '101',
    '1e309',
    'NaN',
    '2024-02-30',
    '31/12/2024',
    '9999-99-99',
    "'; DROP TABLE asms; --",
    '\u0000',
    '../../etc/passwd',
    '__proto__',
    UUID_NOBODY,
    'x'.repeat(20_000),
    -1,
    101,
    2 ** 53,
    Number.MAX_VALUE,
  ),
);

type Payload = { kind: 'json'; body: unknown } | { kind: 'raw'; text: string } | { kind: 'file'; content: Uint8Array; name: string };

/** A payload for the route: its own body taken apart, any JSON at all, broken JSON, or (uploads) any bytes under any name. */
function payloads(route: Route, fx: Fx): fc.Arbitrary<Payload> {
  const template = route.body(fx);
  const keys = Object.keys(template);
  const mutated = fc
    .tuple(
      fc.record(Object.fromEntries(keys.map((k) => [k, fc.option(badValue, { freq: 2 })]))),
      fc.dictionary(fc.string({ maxLength: 12 }), badValue, { maxKeys: 2 }),
      fc.subarray(keys),
    )
    .map(([changes, extra, dropped]) => {
      const body: Record<string, unknown> = { ...template };
      for (const k of keys) if (changes[k] !== null) body[k] = changes[k];
      for (const k of dropped) delete body[k];
      return { kind: 'json' as const, body: { ...body, ...extra } };
    });
  const options: fc.Arbitrary<Payload>[] = [
    mutated,
    fc.jsonValue({ maxDepth: 2 }).map((body) => ({ kind: 'json' as const, body })),
    fc.string({ maxLength: 60 }).map((text) => ({ kind: 'raw' as const, text: `{${text}` })),
  ];
  if (route.upload) {
    options.push(
      fc
        .tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('evidencia.pdf', '../../x.exe', 'a"b.png', '\u202Etxt.exe', '', 'ñandú.docx'))
        .map(([content, name]) => ({ kind: 'file' as const, content, name })),
      fc.constant({ kind: 'file' as const, content: PNG, name: 'captura.png' }),
    );
  }
  return fc.oneof(...options);
}

/** The path with, sometimes, its id replaced by something else. */
function paths(route: Route, fx: Fx): fc.Arbitrary<string> {
  const path = route.path(fx);
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(path)?.[0];
  if (!id) return fc.constant(path);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(path) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.uuid(), fc.constantFrom('1', 'null', '%00', '..', 'ñ', 'x'.repeat(300)))
        .map((other) => path.replace(id, encodeURIComponent(other))),
    },
  );
}

describe('R2: bad payloads on every write route', () => {
  let t: TestApp;
  let c: Client;
  let fx: Fx;
  let storageDir: string;
  let cases = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    t = await createTestApp();
    storageDir = t.config.get('STORAGE_DIR');
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const [area] = await q(`INSERT INTO areas (name, name_key) VALUES ('Área A', 'área a') RETURNING id`);
    const me = await t.user({ roles: ['administrador', 'evaluacion', 'coordinador', 'responsable'], areaIds: [area.id] });
    c = await t.as(me);
    const other = await t.user({ roles: ['consulta'], areaIds: [area.id] });
    await q(`INSERT INTO ramos (code, name) VALUES ('19', 'Aportaciones a Seguridad Social')`);
    // The users' (default) institution: another institution's records are out of their scope.
    const [inst] = await q(`UPDATE institutions SET acronym = 'IMSS', name = 'Instituto' WHERE is_default RETURNING id`);
    const [program] = await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'Programa') RETURNING id`, [
      inst.id,
    ]);
    const [cycle] = await q(`INSERT INTO cycles (label, start_year) VALUES ('2024-2025', 2024) RETURNING id`);
    const [ev] = await q(`INSERT INTO evaluations (title, evaluation_type, coordinating_instance) VALUES ('Ev', 'Diseño', 'CONEVAL') RETURNING id`);
    const [rec] = await q(`INSERT INTO recommendations (evaluation_id, number, text) VALUES ($1, 1, 'Rec') RETURNING id`, [ev.id]);
    const asm = async (status: string) =>
      (
        await q(
          `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id, status) VALUES ($1, $2, 'ASM', 'institucional', $3, $4) RETURNING id`,
          [program.id, cycle.id, area.id, status],
        )
      )[0].id as string;
    const action = async (asmId: string, position: number) => {
      const [a] = await q(
        `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products) VALUES ($1, $2, 'Acción', '2030-12-31', '2030-12-31', 'R', 'P') RETURNING id`,
        [asmId, position],
      );
      await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [a.id, area.id]);
      return a.id as string;
    };
    const asmId = await asm('comprometido');
    const draftAsmId = await asm('borrador');
    await action(draftAsmId, 1);
    const actionId = await action(asmId, 1);
    const otherActionId = await action(asmId, 2);
    const [corte] = await q(
      `INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status) VALUES (2025, 3, '2025-03-31', '2025-04-15', 'abierto') RETURNING id`,
    );
    const avance = async (actionOf: string, status: string) =>
      (
        await q(`INSERT INTO avances (action_id, corte_id, percent, status, created_by) VALUES ($1, $2, 30, $3, $4) RETURNING id`, [
          actionOf,
          corte.id,
          status,
          me.id,
        ])
      )[0].id as string;
    const borradorId = await avance(actionId, 'borrador');
    const enviadoId = await avance(otherActionId, 'enviado');
    const evidence = await c.upload(`/api/v1/avances/${borradorId}/evidence`, PNG, 'captura.png').expect(201);
    const prorroga = await c.post(`/api/v1/actions/${actionId}/prorrogas`, { requestedDueDate: '2031-06-30', justification: 'Cambio' }).expect(201);
    fx = {
      userId: other.id,
      institutionId: inst.id,
      programId: program.id,
      areaId: area.id,
      evaluationId: ev.id,
      recommendationId: rec.id,
      asmId,
      draftAsmId,
      actionId,
      corteId: corte.id,
      borradorId,
      enviadoId,
      evidenceId: evidence.body.id,
      prorrogaId: prorroga.body.id,
    };
  });

  afterAll(async () => {
    const summary = [...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    process.stdout.write(`\nR2: ${cases} solicitudes generadas en ${Object.keys(ROUTES).length} rutas de escritura (${summary}).\n`);
    await t?.close();
  });

  it('covers every write route of the application', () => {
    const writes = listRoutes()
      .filter((r) => r.method !== 'GET')
      .map((r) => r.key);
    expect(Object.keys(ROUTES).sort()).toEqual(writes.sort());
  });

  function send(method: string, path: string, p: Payload, headers: Record<string, string> = {}): Test {
    const agent = t.http as unknown as Record<string, (url: string) => Test>;
    let url = path;
    // DELETE takes its version in the query string: the generated one goes there.
    if (method === 'DELETE' && p.kind === 'json' && p.body && typeof p.body === 'object' && !Array.isArray(p.body)) {
      // Generated values include objects without a prototype, which String() cannot convert.
      const version = (p.body as Record<string, unknown>).version;
      url += `?version=${encodeURIComponent(typeof version === 'object' && version !== null ? JSON.stringify(version) : String(version))}`;
    }
    const req = agent[method.toLowerCase()](url).set('Authorization', `Bearer ${c.token}`).set(headers);
    if (p.kind === 'file') return req.attach('file', Buffer.from(p.content), p.name);
    if (p.kind === 'raw') return req.set('Content-Type', 'application/json').send(p.text);
    return req.set('Content-Type', 'application/json').send(JSON.stringify(p.body));
  }

  async function storedFiles(): Promise<number> {
    const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile()).length;
  }

  for (const [key, route] of Object.entries(ROUTES)) {
    it(`${key}: never a 5xx; a 4xx writes nothing`, async () => {
      const [method] = key.split(' ');
      // A failed login, or a wrong current password, is counted by design (throttling); that is its only trace.
      const except = ['POST /api/v1/auth/login', 'POST /api/v1/auth/session', 'POST /api/v1/auth/password', 'POST /api/v1/auth/session/password'].includes(key)
        ? ['auth_throttle']
        : [];
      await fc.assert(
        fc.asyncProperty(paths(route, fx), payloads(route, fx), async (path, payload) => {
          const before = await fingerprint(t.db, except);
          const filesBefore = await storedFiles();
          const res: Response = await send(method, path, payload, route.headers);
          cases += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) {
            expect(typeof res.body.code).toBe('string');
            expect(typeof res.body.message).toBe('string');
            expect(await fingerprint(t.db, except)).toEqual(before);
            expect(await storedFiles()).toBe(filesBefore);
          }
        }),
        { numRuns: 25 },
      );
    });
  }
});
