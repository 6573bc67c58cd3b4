import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import type { Role } from '../src/modules/identity/identity.types';
import { ROLES } from '../src/modules/identity/identity.types';
import { Client, createTestApp, TEST_PASSWORD, TestApp } from './support/app';
import { listRoutes, RouteInfo } from './support/routes';
import { officialText, PNG } from './support/samples';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * The authorization matrix (R1): every route of the application's own route
 * table × every role × own area / other area / no area, plus no token at all.
 * The expected answers below are the product's rules written independently of
 * the policy code; a route missing here fails the test.
 *
 * Fixture: area A coordinates an ASM whose action 1 is assigned to area B and
 * action 2 to area D. "own" users belong to A and B, "other" users to C only,
 * "none" users to no area; nobody belongs to D, so action 2 must never reach a
 * responsible user.
 */
type Scope = 'all' | 'coord' | 'resp' | 'none';
type Variant = 'own' | 'other' | 'none';
type Kind = 'read' | 'list' | 'write';

interface Fx {
  A: string;
  B: string;
  C: string;
  D: string;
  programId: string;
  cycleId: string;
  institutionId: string;
  uniq: string;
  /** A number never used before in this file (unique codes, labels, e-mails). */
  next(): number;
  asmDraft(): Promise<{ id: string; action1: string; action2: string }>;
  asmConcluded(): Promise<string>;
  area(): Promise<string>;
  institution(): Promise<string>;
  program(): Promise<string>;
  evaluation(): Promise<{ id: string; recommendationId: string }>;
  user(): Promise<string>;
  /** A committed ASM (actions 1 → B, 2 → D) and the open cut. */
  asmCommitted(): Promise<{ id: string; action1: string; action2: string; corteId: string }>;
  avance(status: 'borrador' | 'enviado'): Promise<string>;
  evidence(): Promise<string>;
  prorroga(): Promise<string>;
  corte(status: 'programado' | 'abierto'): Promise<string>;
  closedCorteWithRow(): Promise<{ corteId: string; asmId: string }>;
}

/** Which roles may, and on which records. Roles not listed: none. */
type Scopes = Partial<Record<Role, Scope>>;

interface Case {
  kind: Kind;
  /** For lists: how to read an item's id (default: item.id). */
  idOf?: (item: Record<string, unknown>) => string;
  scopes: Scopes;
  request(fx: Fx, c: Client): Promise<{ res: Response; targetId?: string }>;
}

const ALL_ROLES_READ: Scopes = Object.fromEntries(ROLES.map((r) => [r, 'all']));
const ADMIN: Scopes = { administrador: 'all' };
const ADMIN_EVAL: Scopes = { administrador: 'all', evaluacion: 'all' };
const ASM_READERS: Scopes = { evaluacion: 'all', consulta: 'all', consulta_global: 'all', coordinador: 'coord', responsable: 'resp' };
const COORD: Scopes = { coordinador: 'coord' };
/** Coordinators get documents filtered to their ASMs (checked in official-documents.e2e-spec.ts). */
const REPORT_READERS: Scopes = { evaluacion: 'all', consulta: 'all', consulta_global: 'all', coordinador: 'all' };

const completeAction = (areaId: string) => ({
  description: 'Acción de la matriz',
  responsibleAreaIds: [areaId],
  dueDate: '2030-12-31',
  expectedResults: 'Resultados',
  products: 'Productos',
});

/** Cycle labels must be consecutive years up to 2101: only the allowed creations consume one. */
let cycleYears = 0;
/** Cuts made by fixtures (2000 onwards) and by the POST cases (2095 onwards) never share a month. */
let fixtureCortes = 0;
let postedCortes = 0;

let testApp: TestApp | undefined;
const dbRef = () => testApp!.db;

/** Only one cut can be open: the "open" cases close whatever is open first. */
async function closeOpenCortes(): Promise<void> {
  await dbRef().query(`UPDATE cortes SET status = 'cerrado', closed_at = now(), snapshot_rows = 0 WHERE status = 'abierto'`);
}

/** A case that reads, answered to the roles and records of `scopes` only; `send` makes the request. */
const read = (scopes: Scopes, send: (fx: Fx, c: Client) => Promise<Response>): Case => ({
  kind: 'read',
  scopes,
  request: async (fx, c) => ({ res: await send(fx, c) }),
});
/** A case that writes, allowed to the roles and records of `scopes` only; `send` makes the request. */
const write = (scopes: Scopes, send: (fx: Fx, c: Client) => Promise<Response>): Case => ({
  kind: 'write',
  scopes,
  request: async (fx, c) => ({ res: await send(fx, c) }),
});

/**
 * A case that lists: `find` makes a record and the request, and the record (its id in the list read by `idOf`, default
 * `id`) must be listed to the roles and records of `scopes`, and to no one else.
 */
const list = (
  scopes: Scopes,
  find: (fx: Fx, c: Client) => Promise<{ res: Response; targetId: string }>,
  idOf?: (item: Record<string, unknown>) => string,
): Case => ({ kind: 'list', scopes, idOf, request: find });

const MATRIX: Record<string, Case> = {
  'GET /api/v1/auth/me': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/auth/me')),
  'POST /api/v1/auth/session/password': write(ALL_ROLES_READ, async (_fx, c) =>
    c.post('/api/v1/auth/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'Otra-contraseña-2025' }).set('X-ASM-CSRF', '1'),
  ),
  'POST /api/v1/auth/password': write(ALL_ROLES_READ, async (_fx, c) =>
    c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Otra-contraseña-2025' }),
  ),
  'GET /api/v1/users': read(ADMIN, async (_fx, c) => c.get('/api/v1/users')),
  'POST /api/v1/users': write(ADMIN, async (fx, c) =>
    c.post('/api/v1/users', { email: `m${fx.uniq}${fx.next()}@prueba.gob.mx`, fullName: 'Matriz', roles: ['consulta'] }),
  ),
  'GET /api/v1/users/:id': read(ADMIN, async (fx, c) => c.get(`/api/v1/users/${await fx.user()}`)),
  'PATCH /api/v1/users/:id': write(ADMIN, async (fx, c) => c.patch(`/api/v1/users/${await fx.user()}`, { version: 1, fullName: 'Otro nombre' })),
  'POST /api/v1/users/:id/password': write(ADMIN, async (fx, c) => c.post(`/api/v1/users/${await fx.user()}/password`, { newPassword: 'Restablecida-2025x' })),
  'GET /api/v1/audit': read({ evaluacion: 'all', consulta: 'all', consulta_global: 'all' }, async (_fx, c) => c.get('/api/v1/audit')),

  'GET /api/v1/ramos': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/ramos')),
  'POST /api/v1/ramos': write(ADMIN, async (fx, c) => c.post('/api/v1/ramos', { code: String(100 + fx.next()), name: 'Ramo de la matriz' })),
  'GET /api/v1/institutions': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/institutions')),
  'POST /api/v1/institutions': write(ADMIN, async (fx, c) =>
    c.post('/api/v1/institutions', { acronym: `M${fx.uniq}${fx.next()}`, name: 'Institución de la matriz' }),
  ),
  'GET /api/v1/institutions/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/institutions/${fx.institutionId}`)),
  'PATCH /api/v1/institutions/:id': write(ADMIN, async (fx, c) => c.patch(`/api/v1/institutions/${await fx.institution()}`, { version: 1, name: 'Otra' })),
  'GET /api/v1/programs': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/programs')),
  'POST /api/v1/programs': write(ADMIN, async (fx, c) =>
    c.post('/api/v1/programs', {
      institutionId: fx.institutionId,
      ramoCode: '19',
      modality: 'P',
      code: String(fx.next()).padStart(3, '0'),
      name: 'Programa de la matriz',
    }),
  ),
  'GET /api/v1/programs/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/programs/${fx.programId}`)),
  'GET /api/v1/programs/:id/names': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/programs/${fx.programId}/names`)),
  'PATCH /api/v1/programs/:id': write(ADMIN, async (fx, c) => c.patch(`/api/v1/programs/${await fx.program()}`, { version: 1, name: 'Renombrado' })),
  'GET /api/v1/areas': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/areas')),
  'POST /api/v1/areas': write(ADMIN, async (fx, c) => c.post('/api/v1/areas', { name: `Área de la matriz ${fx.uniq} ${fx.next()}` })),
  'GET /api/v1/areas/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/areas/${fx.A}`)),
  'PATCH /api/v1/areas/:id': write(ADMIN, async (fx, c) => c.patch(`/api/v1/areas/${await fx.area()}`, { version: 1, acronym: 'AM' })),
  'GET /api/v1/cycles': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/cycles')),
  'POST /api/v1/cycles': write(ADMIN_EVAL, async (_fx, c) => {
    const y = 2040 + cycleYears++;
    return c.post('/api/v1/cycles', { label: `${y}-${y + 1}` });
  }),
  'GET /api/v1/cycles/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/cycles/${fx.cycleId}`)),
  'GET /api/v1/evaluations': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/evaluations')),
  'POST /api/v1/evaluations': write(ADMIN_EVAL, async (fx, c) =>
    c.post('/api/v1/evaluations', {
      title: 'Evaluación de la matriz',
      evaluationType: 'Diseño',
      coordinatingInstance: 'CONEVAL',
      programIds: [fx.programId],
    }),
  ),
  'GET /api/v1/evaluations/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/evaluations/${(await fx.evaluation()).id}`)),
  'PATCH /api/v1/evaluations/:id': write(ADMIN_EVAL, async (fx, c) =>
    c.patch(`/api/v1/evaluations/${(await fx.evaluation()).id}`, { version: 1, evaluator: 'Evaluador' }),
  ),
  'POST /api/v1/evaluations/:id/recommendations': write(ADMIN_EVAL, async (fx, c) =>
    c.post(`/api/v1/evaluations/${(await fx.evaluation()).id}/recommendations`, { number: 2, text: 'Otra recomendación' }),
  ),
  'PATCH /api/v1/recommendations/:id': write(ADMIN_EVAL, async (fx, c) =>
    c.patch(`/api/v1/recommendations/${(await fx.evaluation()).recommendationId}`, { version: 1, text: 'Corregida' }),
  ),

  'GET /api/v1/asms': list(ASM_READERS, async (fx, c) => {
    const asm = await fx.asmDraft();
    return { res: await c.get(`/api/v1/asms?pageSize=100&programId=${fx.programId}`), targetId: asm.id };
  }),
  'POST /api/v1/asms': write(COORD, async (fx, c) =>
    c.post('/api/v1/asms', {
      programId: fx.programId,
      cycleId: fx.cycleId,
      coordinatingAreaId: fx.A,
      text: 'ASM de la matriz',
      classification: 'especifico',
    }),
  ),
  'GET /api/v1/asms/:id': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/asms/${(await fx.asmDraft()).id}`)),
  'PATCH /api/v1/asms/:id': write(COORD, async (fx, c) => c.patch(`/api/v1/asms/${(await fx.asmDraft()).id}`, { version: 1, text: 'Editado' })),
  'POST /api/v1/asms/:id/actions': write(COORD, async (fx, c) => c.post(`/api/v1/asms/${(await fx.asmDraft()).id}/actions`, completeAction(fx.B))),
  'POST /api/v1/asms/:id/commit': write(COORD, async (fx, c) => c.post(`/api/v1/asms/${(await fx.asmDraft()).id}/commit`, { version: 1 })),
  'POST /api/v1/asms/:id/cancel': write(COORD, async (fx, c) => c.post(`/api/v1/asms/${(await fx.asmDraft()).id}/cancel`, { version: 1, reason: 'Motivo' })),
  'POST /api/v1/asms/:id/reopen': write({ evaluacion: 'all' }, async (fx, c) =>
    c.post(`/api/v1/asms/${await fx.asmConcluded()}/reopen`, { version: 2, reason: 'Motivo' }),
  ),
  'GET /api/v1/actions': list(ASM_READERS, async (fx, c) => {
    const asm = await fx.asmDraft();
    return { res: await c.get(`/api/v1/actions?pageSize=100&asmId=${asm.id}`), targetId: asm.action1 };
  }),
  'GET /api/v1/actions/:id': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/actions/${(await fx.asmDraft()).action1}`)),
  'PATCH /api/v1/actions/:id': write(COORD, async (fx, c) => c.patch(`/api/v1/actions/${(await fx.asmDraft()).action1}`, { version: 1, observations: 'Nota' })),
  'DELETE /api/v1/actions/:id': write(COORD, async (fx, c) => c.delete(`/api/v1/actions/${(await fx.asmDraft()).action2}?version=1`)),

  'GET /api/v1/cortes': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/cortes')),
  'GET /api/v1/cortes/:id': read(ALL_ROLES_READ, async (fx, c) => c.get(`/api/v1/cortes/${await fx.corte('programado')}`)),
  'POST /api/v1/cortes': write({ evaluacion: 'all' }, async (_fx, c) => {
    const n = postedCortes++;
    return c.post('/api/v1/cortes', { year: 2095 + Math.floor(n / 2), month: n % 2 ? 9 : 3 });
  }),
  'POST /api/v1/cortes/:id/open': write({ evaluacion: 'all' }, async (fx, c) => {
    const id = await fx.corte('programado');
    await closeOpenCortes();
    return c.post(`/api/v1/cortes/${id}/open`, { version: 1 });
  }),
  'POST /api/v1/cortes/:id/close': write({ evaluacion: 'all' }, async (fx, c) => {
    const { corteId } = await fx.asmCommitted();
    const [{ version }] = (await dbRef().query(`SELECT version FROM cortes WHERE id = $1`, [corteId])).rows;
    return c.post(`/api/v1/cortes/${corteId}/close`, { version, force: true });
  }),
  'GET /api/v1/cortes/:id/snapshot': list(
    ASM_READERS,
    async (fx, c) => {
      const { corteId, asmId } = await fx.closedCorteWithRow();
      return { res: await c.get(`/api/v1/cortes/${corteId}/snapshot?pageSize=100`), targetId: asmId };
    },
    (item) => item.asmId as string,
  ),

  'GET /api/v1/cortes/:id/documents/:kind': read(REPORT_READERS, async (fx, c) =>
    c.get(`/api/v1/cortes/${(await fx.closedCorteWithRow()).corteId}/documents/avance-institucional?format=csv`),
  ),
  'GET /api/v1/cycles/:id/documents/:kind': read(REPORT_READERS, async (fx, c) =>
    c.get(`/api/v1/cycles/${fx.cycleId}/documents/documento-institucional?format=csv`),
  ),
  'GET /api/v1/documents/datos-abiertos': read(REPORT_READERS, async (_fx, c) => c.get('/api/v1/documents/datos-abiertos')),
  'GET /api/v1/settings': read(ALL_ROLES_READ, async (_fx, c) => c.get('/api/v1/settings')),
  'PUT /api/v1/settings/:key': write(ADMIN, async (fx, c) => c.put('/api/v1/settings/institucion.nombre', { value: `Institución ${fx.next()}` })),
  'POST /api/v1/imports/:source': write({ evaluacion: 'all' }, async (fx, c) =>
    c.upload(
      '/api/v1/imports/oficial?ramo=19&institucion=IMSS',
      officialText({ asm: `ASM importado ${fx.next()}`, coordinatingArea: 'Área A coordinadora', responsibleArea: 'Área B responsable' }),
      'avance.txt',
    ),
  ),
  'GET /api/v1/notifications': read({ evaluacion: 'all', consulta: 'all', consulta_global: 'all' }, async (_fx, c) => c.get('/api/v1/notifications')),
  'GET /api/v1/reminders/preview': read({ evaluacion: 'all', consulta: 'all', consulta_global: 'all' }, async (_fx, c) =>
    c.get('/api/v1/reminders/preview?date=2030-01-15'),
  ),
  // Enqueues a scan (Redis), writes nothing in the database: checked as a read.
  'POST /api/v1/reminders/run': read({ evaluacion: 'all' }, async (_fx, c) => c.post('/api/v1/reminders/run')),
  'POST /api/v1/actions/:id/avances': write({ responsable: 'resp' }, async (fx, c) =>
    c.post(`/api/v1/actions/${(await fx.asmCommitted()).action1}/avances`, { percent: 40, observations: 'Avance' }),
  ),
  'GET /api/v1/avances': list(ASM_READERS, async (fx, c) => {
    const id = await fx.avance('enviado');
    return { res: await c.get('/api/v1/avances?pageSize=100&status=enviado'), targetId: id };
  }),
  'GET /api/v1/avances/:id': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/avances/${await fx.avance('borrador')}`)),
  'PATCH /api/v1/avances/:id': write({ responsable: 'resp' }, async (fx, c) =>
    c.patch(`/api/v1/avances/${await fx.avance('borrador')}`, { version: 1, percent: 60 }),
  ),
  'POST /api/v1/avances/:id/submit': write({ responsable: 'resp' }, async (fx, c) =>
    c.post(`/api/v1/avances/${await fx.avance('borrador')}/submit`, { version: 1 }),
  ),
  'POST /api/v1/avances/:id/approve': write(COORD, async (fx, c) => c.post(`/api/v1/avances/${await fx.avance('enviado')}/approve`, { version: 1 })),
  'POST /api/v1/avances/:id/return': write(COORD, async (fx, c) =>
    c.post(`/api/v1/avances/${await fx.avance('enviado')}/return`, { version: 1, reason: 'Falta evidencia' }),
  ),
  'POST /api/v1/avances/:id/evidence': write({ responsable: 'resp' }, async (fx, c) =>
    c.upload(`/api/v1/avances/${await fx.avance('borrador')}/evidence`, PNG, 'captura.png'),
  ),
  'GET /api/v1/evidence/:id': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/evidence/${await fx.evidence()}`)),
  'GET /api/v1/evidence/:id/content': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/evidence/${await fx.evidence()}/content`)),
  'POST /api/v1/evidence/:id/withdraw': write({ responsable: 'resp' }, async (fx, c) =>
    c.post(`/api/v1/evidence/${await fx.evidence()}/withdraw`, { version: 1, reason: 'Archivo equivocado' }),
  ),
  'POST /api/v1/actions/:id/prorrogas': write({ responsable: 'resp' }, async (fx, c) =>
    c.post(`/api/v1/actions/${(await fx.asmCommitted()).action1}/prorrogas`, {
      requestedDueDate: '2031-06-30',
      justification: 'Cambio de prioridades',
    }),
  ),
  'GET /api/v1/prorrogas': list(ASM_READERS, async (fx, c) => {
    const id = await fx.prorroga();
    return { res: await c.get('/api/v1/prorrogas?pageSize=100&status=solicitada'), targetId: id };
  }),
  'GET /api/v1/prorrogas/:id': read(ASM_READERS, async (fx, c) => c.get(`/api/v1/prorrogas/${await fx.prorroga()}`)),
  'POST /api/v1/prorrogas/:id/approve': write(COORD, async (fx, c) => c.post(`/api/v1/prorrogas/${await fx.prorroga()}/approve`, { version: 1 })),
  'POST /api/v1/prorrogas/:id/reject': write(COORD, async (fx, c) =>
    c.post(`/api/v1/prorrogas/${await fx.prorroga()}/reject`, { version: 1, reason: 'Sin sustento' }),
  ),
  // The work lists, each filtered to its fixture's ASM (last: their fixtures must not slow the reminder scans above).
  'GET /api/v1/worklist/actions': list(ASM_READERS, async (fx, c) => {
    const asm = await fx.asmDraft();
    return { res: await c.get(`/api/v1/worklist/actions?pageSize=100&asmId=${asm.id}`), targetId: asm.action1 };
  }),
  'GET /api/v1/worklist/reviews': list(ASM_READERS, async (fx, c) => {
    const id = await fx.avance('enviado');
    const [{ asm_id: asmId }] = (await dbRef().query(`SELECT x.asm_id FROM avances v JOIN actions x ON x.id = v.action_id WHERE v.id = $1`, [id])).rows;
    return { res: await c.get(`/api/v1/worklist/reviews?pageSize=100&kind=avance&asmId=${asmId}`), targetId: id };
  }),
};

const PUBLIC_ROUTES = [
  'GET /health/live',
  'GET /health/ready',
  'GET /health/redis',
  'GET /health/storage',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/session',
  'POST /api/v1/auth/session/logout',
  'POST /api/v1/auth/session/refresh',
  'GET /api/v1/client-config',
];

function allowed(scope: Scope | undefined, variant: Variant): boolean {
  if (scope === 'all') return true;
  if (scope === 'coord' || scope === 'resp') return variant === 'own';
  return false;
}

describe('authorization matrix (role × area × route)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const base = { A: '', B: '', C: '', D: '', programId: '', cycleId: '', institutionId: '' };
  let checked = 0;
  let sequence = 0;
  let mismatches = 0;

  beforeAll(async () => {
    t = await createTestApp();
    testApp = t;
    routes = listRoutes();
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const area = async (name: string) => (await q(`INSERT INTO areas (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [name]))[0].id as string;
    base.A = await area('Área A coordinadora');
    base.B = await area('Área B responsable');
    base.C = await area('Área C ajena');
    base.D = await area('Área D de nadie');
    await q(`INSERT INTO ramos (code, name) VALUES ('19', 'Aportaciones a Seguridad Social')`);
    // The users' institution (the default one): records of another institution are out of every user's scope.
    base.institutionId = (await q(`UPDATE institutions SET acronym = 'IMSS', name = 'Instituto' WHERE is_default RETURNING id`))[0].id;
    base.programId = (
      await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'Programa') RETURNING id`, [
        base.institutionId,
      ])
    )[0].id;
    base.cycleId = (await q(`INSERT INTO cycles (label, start_year) VALUES ('2021-2022', 2021) RETURNING id`))[0].id;
  });

  afterAll(async () => {
    process.stdout.write(
      `\nMatriz de autorización: ${checked} casos verificados (${routes.length} rutas × ${ROLES.length} roles × área propia/ajena/sin área, y sin sesión); ${mismatches} diferencias con las reglas.\n`,
    );
    await t.close();
  });

  function fixtures(): Fx {
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const uniq = randomBytes(3).toString('hex');
    const fx: Fx = {
      ...base,
      uniq,
      next: () => ++sequence,
      async asmDraft() {
        const [asm] = await q(
          `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id) VALUES ($1, $2, 'ASM', 'institucional', $3) RETURNING id`,
          [base.programId, base.cycleId, base.A],
        );
        const action = async (pos: number, areaId: string) => {
          const [a] = await q(
            `INSERT INTO actions (asm_id, position, description, due_date, expected_results, products) VALUES ($1, $2, 'Acción', '2030-12-31', 'R', 'P') RETURNING id`,
            [asm.id, pos],
          );
          await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [a.id, areaId]);
          return a.id as string;
        };
        return { id: asm.id, action1: await action(1, base.B), action2: await action(2, base.D) };
      },
      async asmConcluded() {
        const asm = await fx.asmDraft();
        await q(`UPDATE asms SET status = 'concluido', version = 2 WHERE id = $1`, [asm.id]);
        return asm.id;
      },
      async area() {
        return (await q(`INSERT INTO areas (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [`Área ${uniq} ${fx.next()}`]))[0].id;
      },
      async institution() {
        return (await q(`INSERT INTO institutions (acronym, name) VALUES ($1, 'Otra') RETURNING id`, [`I${uniq}${fx.next()}`]))[0].id;
      },
      async program() {
        return (
          await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'U', $2, 'Otro') RETURNING id`, [
            base.institutionId,
            String(fx.next()).padStart(3, '0'),
          ])
        )[0].id;
      },
      async evaluation() {
        const [e] = await q(`INSERT INTO evaluations (title, evaluation_type, coordinating_instance) VALUES ('Ev', 'Diseño', 'CONEVAL') RETURNING id`);
        const [r] = await q(`INSERT INTO recommendations (evaluation_id, number, text) VALUES ($1, 1, 'Rec') RETURNING id`, [e.id]);
        return { id: e.id, recommendationId: r.id };
      },
      async user() {
        return (
          await q(`INSERT INTO users (email, full_name, roles) VALUES ($1, 'Objetivo', '{consulta}') RETURNING id`, [`o${uniq}${fx.next()}@prueba.gob.mx`])
        )[0].id;
      },
      async corte(status) {
        const n = fixtureCortes++;
        // The mechanism's months only (March, September), in order.
        const [year, month] = [2000 + Math.floor(n / 2), n % 2 ? 9 : 3];
        if (status === 'abierto') await closeOpenCortes();
        return (
          await q(`INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status) VALUES ($1, $2, $3, $3, $4) RETURNING id`, [
            year,
            month,
            `${year}-${String(month).padStart(2, '0')}-01`,
            status,
          ])
        )[0].id;
      },
      async asmCommitted() {
        const asm = await fx.asmDraft();
        await q(`UPDATE asms SET status = 'comprometido' WHERE id = $1`, [asm.id]);
        await q(`UPDATE actions SET original_due_date = due_date WHERE asm_id = $1`, [asm.id]);
        const open = await q(`SELECT id FROM cortes WHERE status = 'abierto'`);
        const corteId = open[0]?.id ?? (await fx.corte('abierto'));
        return { ...asm, corteId };
      },
      async avance(status) {
        const asm = await fx.asmCommitted();
        return (
          await q(
            `INSERT INTO avances (action_id, corte_id, percent, status, submitted_at) VALUES ($1, $2, 50, $3, CASE WHEN $3 = 'enviado' THEN now() END) RETURNING id`,
            [asm.action1, asm.corteId, status],
          )
        )[0].id;
      },
      async evidence() {
        const avanceId = await fx.avance('borrador');
        const sha = createHash('sha256').update(PNG).digest('hex');
        const key = `sha256/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
        const path = join(t.config.get('STORAGE_DIR'), key);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, PNG);
        const [a] = await q(`SELECT action_id FROM avances WHERE id = $1`, [avanceId]);
        return (
          await q(
            `INSERT INTO evidence_files (sha256, size_bytes, mime_type, display_name, storage_backend, storage_key, action_id, avance_id)
             VALUES ($1, $2, 'image/png', 'captura.png', 'disk', $3, $4, $5) RETURNING id`,
            [sha, PNG.length, key, a.action_id, avanceId],
          )
        )[0].id;
      },
      async prorroga() {
        const asm = await fx.asmCommitted();
        return (
          await q(
            `INSERT INTO prorrogas (action_id, previous_due_date, requested_due_date, justification) VALUES ($1, '2030-12-31', '2031-06-30', 'Motivo') RETURNING id`,
            [asm.action1],
          )
        )[0].id;
      },
      async closedCorteWithRow() {
        const asm = await fx.asmCommitted();
        const corteId = await fx.corte('programado');
        await q(`UPDATE cortes SET status = 'cerrado', closed_at = now(), snapshot_rows = 1 WHERE id = $1`, [corteId]);
        await q(
          `INSERT INTO corte_snapshot_rows (corte_id, row_order, asm_id, action_id, cycle_label, cycle_start_year, classification, program_id, program_key,
              program_name, asm_text, asm_status, coordinating_area_id, responsible_area_ids, month_year)
           VALUES ($1, 1, $2, $3, '2021-2022', 2021, 'institucional', $4, 'S-038', 'Programa', 'ASM', 'comprometido', $5, $6, 'Marzo-2030')`,
          [corteId, asm.id, asm.action1, base.programId, base.A, [base.B]],
        );
        return { corteId, asmId: asm.id };
      },
    };
    return fx;
  }

  const areasFor = (v: Variant) => (v === 'own' ? [base.A, base.B] : v === 'other' ? [base.C] : []);

  it('has an expected answer for every route, and every route declares its permission', () => {
    const keys = routes.map((r) => r.key);
    const undeclared = routes.filter((r) => !r.isPublic && r.permission === undefined).map((r) => r.key);
    expect(undeclared).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => r.key)).toEqual([...PUBLIC_ROUTES].sort());
    expect(keys.filter((k) => !PUBLIC_ROUTES.includes(k) && !MATRIX[k])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('refuses every non-public route without a session (401)', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !x.isPublic)) {
      const path = r.path.replace(/:id/g, '00000000-0000-4000-8000-000000000000');
      const res = await (t.http as unknown as Record<string, (p: string) => Promise<Response>>)[r.method.toLowerCase()](path);
      checked += 1;
      if (res.status !== 401) wrong.push(`${r.key} → ${res.status}`);
    }
    mismatches += wrong.length;
    expect(wrong).toEqual([]);
  });

  describe.each(Object.keys(MATRIX))('%s', (key) => {
    it('answers each role and area as the rules say, writes nothing when refusing, and leaks nothing in lists', async () => {
      const spec = MATRIX[key];
      const problems: string[] = [];
      for (const role of ROLES) {
        for (const variant of ['own', 'other', 'none'] as Variant[]) {
          const fx = fixtures();
          const user = await t.user({ roles: [role], areaIds: areasFor(variant) });
          const client = await t.as(user);
          const { res, targetId } = await spec.request(fx, client);
          checked += 1;
          const label = `${role}/${variant}`;
          const may = allowed(spec.scopes[role], variant);
          const requestId = res.headers['x-request-id'];
          if (spec.kind === 'list') {
            const readsSome = spec.scopes[role] !== undefined && spec.scopes[role] !== 'none';
            if (!readsSome) {
              if (res.status !== 403) problems.push(`${label}: esperaba 403, obtuvo ${res.status}`);
              continue;
            }
            if (res.status !== 200) {
              problems.push(`${label}: esperaba 200, obtuvo ${res.status} ${JSON.stringify(res.body)}`);
              continue;
            }
            const ids = (res.body.items as Record<string, unknown>[]).map((i) => (spec.idOf ? spec.idOf(i) : (i.id as string)));
            if (ids.includes(targetId!) !== may) problems.push(`${label}: el registro ${may ? 'falta en' : 'se filtró a'} la lista`);
            if (key === 'GET /api/v1/asms' || key === 'GET /api/v1/actions' || key === 'GET /api/v1/worklist/actions')
              problems.push(...leaks(label, role, areasFor(variant), res.body.items));
          } else if (may) {
            if (res.status < 200 || res.status >= 300) problems.push(`${label}: esperaba 2xx, obtuvo ${res.status} ${JSON.stringify(res.body)}`);
            if (spec.kind === 'read' && key.startsWith('GET /api/v1/asms/')) problems.push(...leaks(label, role, areasFor(variant), [res.body]));
            if (spec.kind === 'write') {
              const events = await t.db.query(`SELECT actor_id FROM audit_events WHERE request_id = $1`, [requestId]);
              if (events.rowCount === 0) problems.push(`${label}: el cambio no dejó evento en la bitácora`);
              if (events.rows.some((e) => e.actor_id !== user.id)) problems.push(`${label}: la bitácora no registra a quien hizo el cambio`);
            }
          } else {
            if (res.status !== 403) problems.push(`${label}: esperaba 403, obtuvo ${res.status} ${JSON.stringify(res.body)}`);
            else if (res.body.code !== 'FORBIDDEN' || !/^No tienes permiso/.test(res.body.message)) problems.push(`${label}: 403 sin el mensaje esperado`);
            const events = await t.db.query(`SELECT 1 FROM audit_events WHERE request_id = $1`, [requestId]);
            if (events.rowCount) problems.push(`${label}: la solicitud rechazada escribió ${events.rowCount} evento(s)`);
          }
        }
      }
      mismatches += problems.length;
      expect(problems).toEqual([]);
    });
  });

  /** Every ASM or action a coordinator or responsible user receives must be theirs; nested actions too. */
  function leaks(label: string, role: Role, areaIds: string[], items: Record<string, unknown>[]): string[] {
    if (role !== 'coordinador' && role !== 'responsable') return [];
    const out: string[] = [];
    for (const item of items) {
      const actions = (item.actions as { responsibleAreas: { id: string }[] }[] | undefined) ?? [item as unknown as { responsibleAreas: { id: string }[] }];
      const coordinating = (item.coordinatingArea as { id: string } | undefined)?.id;
      for (const a of actions) {
        const mine =
          role === 'responsable' ? a.responsibleAreas.some((r) => areaIds.includes(r.id)) : coordinating === undefined || areaIds.includes(coordinating);
        if (!mine) out.push(`${label}: recibió una acción de otra área (${JSON.stringify(a.responsibleAreas)})`);
      }
      if (role === 'coordinador' && coordinating && !areaIds.includes(coordinating)) out.push(`${label}: recibió un ASM que no coordina`);
    }
    return out;
  }
});
