import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { CSRF_HEADER } from '../src/modules/identity/auth/browser-session';
import { buildOpenApiDocument, BEARER_SCHEME } from '../src/openapi';
import { QueueService } from '../src/queue/queue.service';
import { BusinessCalendarService } from '../src/common/business-calendar';
import { Client, createTestApp, TEST_PASSWORD, TestApp } from './support/app';
import { Contract, Operation } from './support/contract';
import { listRoutes } from './support/routes';
import { EXE, officialText, pdf } from './support/samples';

/*
 * The OpenAPI document is the contract the web application's typed client is
 * generated from. This file keeps it true: the document built from the real
 * application passes `redocly lint` (recommended rules, redocly.yaml), documents
 * every route with a unique operationId, a Spanish summary, its security and
 * its answers, and every operation, called for real along the daily work of
 * each role, answers exactly what its documented schema says (ajv, strict: no
 * undocumented property). A route added without being documented and exercised
 * here fails the last test.
 */

const ROOT = join(__dirname, '..');
const NOBODY = '00000000-0000-4000-8000-000000000000';

interface Call {
  body?: object;
  /** The body is wrong on purpose: not checked against the documented request. */
  invalid?: boolean;
  file?: { content: Buffer; name: string };
  headers?: Record<string, string>;
}

describe('the OpenAPI contract', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let contract: Contract;
  /** operationId → exercised with a 2xx answer (a list: with at least one item). */
  const covered = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp();
    doc = buildOpenApiDocument(t.app);
    contract = new Contract(doc);
  });

  afterAll(async () => {
    process.stdout.write(`\nContrato OpenAPI: ${covered.size} de ${contract?.operations.length} operaciones respondieron según su esquema.\n`);
    await t?.close();
  });

  /** Sends a request as `who` (or without a session), checks request and answer against the document, expects `status`. */
  async function call(who: Client | undefined, method: string, url: string, status: number, o: Call = {}): Promise<Response> {
    const op = contract.find(method, url);
    const problems = o.body === undefined || o.invalid ? [] : contract.checkRequest(op, o.body);
    let req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[method.toLowerCase()](url);
    if (who) req = req.set('Authorization', `Bearer ${who.token}`);
    if (o.headers) req = req.set(o.headers);
    if (o.file) req = req.attach('file', o.file.content, o.file.name);
    else if (o.body !== undefined) req = req.send(o.body);
    // Every answer raw, so that files and JSON are checked alike.
    const res = await req.buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const raw = res.body as Buffer;
    const json = /json/.test(res.headers['content-type'] ?? '') && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    res.body = json ?? raw;
    problems.push(...contract.checkResponse(op, res.status, res.headers['content-type'], json, raw));
    if (res.status !== status) problems.push(`${op.id}: expected ${status}, got ${res.status} ${raw.toString('utf8').slice(0, 500)}`);
    if (problems.length) throw new Error(`${method} ${url}\n${problems.join('\n')}`);
    const items = Array.isArray(json) ? json : Array.isArray(json?.items) ? json.items : undefined;
    if (status < 300 && (!items || items.length > 0)) covered.add(op.id);
    return res;
  }

  const routeKey = (o: Operation) => `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`;

  describe('the document', () => {
    it('is what /api/docs-json serves, with Swagger UI at /api/docs', async () => {
      const served = await t.http.get('/api/docs-json').expect(200);
      expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)));
      const ui = await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
      expect(ui.text).toContain('swagger-ui');
      // Swagger UI shows Authorize when the document declares a security scheme.
      expect(doc.components?.securitySchemes?.[BEARER_SCHEME]).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
    });

    it('passes `redocly lint` (recommended rules, redocly.yaml) with 0 errors and 0 warnings', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'asm-openapi-'));
      try {
        const file = join(dir, 'openapi.json');
        await writeFile(file, JSON.stringify(doc));
        const cli = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
        const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], {
          cwd: dir,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NODE_OPTIONS: '' },
          maxBuffer: 64 * 1024 * 1024,
        }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
        const report = JSON.parse(run.stdout) as {
          totals: { errors: number; warnings: number };
          problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
        };
        const problems = report.problems.map((p) => `${p.ruleId}: ${p.message} ${p.location.map((l) => l.pointer).join(' ')}`);
        expect(problems).toEqual([]);
        expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('documents every route: one operation each, a unique meaningful operationId, a Spanish summary', () => {
      expect(contract.operations.map(routeKey).sort()).toEqual(
        listRoutes()
          .map((r) => r.key)
          .sort(),
      );
      const ids = contract.operations.map((o) => o.op.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const o of contract.operations) {
        // Nest's default is Controller_method; the client's function names come from these.
        expect([o.id, o.op.operationId]).toEqual([o.id, expect.stringMatching(/^[a-z][a-zA-Z]+$/)]);
        expect([o.id, o.op.summary]).toEqual([o.id, expect.stringMatching(/^[A-ZÁÉÍÓÚÑ¿].{8,}\.$/)]);
        expect([o.id, o.op.tags?.length]).toEqual([o.id, 1]);
      }
    });

    it('states the security of every operation from the route’s own permission metadata', () => {
      const routes = new Map(listRoutes().map((r) => [r.key, r]));
      for (const o of contract.operations) {
        const route = routes.get(routeKey(o))!;
        const responses = Object.keys(o.op.responses);
        if (route.isPublic) {
          expect([o.id, o.op.security]).toEqual([o.id, []]);
        } else {
          expect([o.id, o.op.security]).toEqual([o.id, [{ [BEARER_SCHEME]: [] }]]);
          expect([o.id, responses]).toEqual([o.id, expect.arrayContaining(route.permission === 'authenticated' ? ['401'] : ['401', '403'])]);
        }
      }
    });

    it('documents a success and the one error shape for every operation; uploads as multipart, documents as files', () => {
      const errorRef = { $ref: '#/components/schemas/ErrorView' };
      for (const o of contract.operations) {
        const responses = o.op.responses as Record<string, ResponseObject>;
        const success = Object.entries(responses).filter(([s]) => /^2\d\d$/.test(s));
        expect([o.id, success.length]).toEqual([o.id, 1]);
        const [status, ok] = success[0];
        if (status === '204') expect([o.id, ok.content]).toEqual([o.id, undefined]);
        else expect([o.id, Object.values(ok.content ?? {}).every((c) => c.schema)]).toEqual([o.id, true]);
        for (const [s, r] of Object.entries(responses).filter(([s]) => !s.startsWith('2'))) {
          expect([o.id, s, r.content]).toEqual([o.id, s, { 'application/json': { schema: errorRef } }]);
        }
        // Health checks and the web app's public configuration take no input: no client error is possible.
        if (!o.path.startsWith('/health/') && o.path !== '/api/v1/client-config')
          expect([o.id, Object.keys(responses).some((s) => s.startsWith('4'))]).toEqual([o.id, true]);
      }
      const byId = new Map(contract.operations.map((o) => [o.id, o.op]));
      for (const id of ['uploadEvidence', 'runImport']) {
        const body = byId.get(id)!.requestBody as { content: Record<string, { schema: { properties: { file: object }; required: string[] } }> };
        expect(body.content['multipart/form-data'].schema).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
      }
      for (const id of ['downloadEvidence', 'downloadCorteDocument', 'downloadCycleDocument']) {
        const ok = (byId.get(id)!.responses as Record<string, ResponseObject>)['200'];
        for (const c of Object.values(ok.content!)) expect(c.schema).toEqual({ type: 'string', format: 'binary' });
        expect(ok.headers).toHaveProperty('Content-Disposition');
      }
    });
  });

  describe('every operation answers as documented', () => {
    let admin: Client;
    let evaluacion: Client;
    let coord: Client;
    let resp: Client;
    let consulta: Client;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      admin = await t.as(await t.user({ roles: ['administrador'] }));
      evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
      consulta = await t.as(await t.user({ roles: ['consulta'] }));
    });

    it('health and sessions', async () => {
      await call(undefined, 'GET', '/health/live', 200);
      await call(undefined, 'GET', '/health/ready', 200);
      // /health/redis is green once a worker has scheduled the daily scan (this test has no worker: it schedules it as one would).
      await call(undefined, 'GET', '/health/redis', 503);
      await t.app.get(QueueService).scheduleDailyScan();
      await call(undefined, 'GET', '/health/redis', 200);
      await call(undefined, 'GET', '/health/storage', 200);
      const me = await t.user({ roles: ['consulta'] });
      const login = (await call(undefined, 'POST', '/api/v1/auth/login', 200, { body: { email: me.email, password: TEST_PASSWORD } })).body;
      const renewed = (await call(undefined, 'POST', '/api/v1/auth/refresh', 200, { body: { refreshToken: login.refreshToken } })).body;
      const session = { token: renewed.accessToken } as Client;
      await call(session, 'GET', '/api/v1/auth/me', 200);
      const changed = (
        await call(session, 'POST', '/api/v1/auth/password', 200, { body: { currentPassword: TEST_PASSWORD, newPassword: 'Nueva-contraseña-2025' } })
      ).body;
      await call(undefined, 'POST', '/api/v1/auth/logout', 204, { body: { refreshToken: changed.refreshToken } });
    });

    it('the web application: its configuration and browser sessions (refresh token in a cookie)', async () => {
      await call(undefined, 'GET', '/api/v1/client-config', 200);
      const me = await t.user({ roles: ['responsable'] });
      const csrf = { [CSRF_HEADER]: '1' };
      const cookieOf = (res: Response) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
      const started = await call(undefined, 'POST', '/api/v1/auth/session', 200, { body: { email: me.email, password: TEST_PASSWORD }, headers: csrf });
      const renewed = await call(undefined, 'POST', '/api/v1/auth/session/refresh', 200, { headers: { ...csrf, Cookie: cookieOf(started) } });
      const session = { token: renewed.body.accessToken } as Client;
      const changed = await call(session, 'POST', '/api/v1/auth/session/password', 200, {
        body: { currentPassword: TEST_PASSWORD, newPassword: 'Nueva-contraseña-2025' },
        headers: { ...csrf, Cookie: cookieOf(renewed) },
      });
      await call(undefined, 'POST', '/api/v1/auth/session/logout', 204, { headers: { ...csrf, Cookie: cookieOf(changed) } });
    });

    it('catalogs', async () => {
      await call(admin, 'POST', '/api/v1/ramos', 201, { body: { code: '19', name: 'Aportaciones a Seguridad Social' } });
      await call(admin, 'GET', '/api/v1/ramos', 200);
      const inst = (await call(admin, 'POST', '/api/v1/institutions', 201, { body: { acronym: 'IMSS', name: 'Instituto Mexicano del Seguro Social' } })).body;
      ids.institution = inst.id;
      await call(admin, 'GET', '/api/v1/institutions?q=imss', 200);
      await call(admin, 'GET', `/api/v1/institutions/${inst.id}`, 200);
      await call(admin, 'PATCH', `/api/v1/institutions/${inst.id}`, 200, {
        body: { version: inst.version, name: 'Instituto Mexicano del Seguro Social (IMSS)' },
      });

      // The program of the users' (default) institution: another institution's ASMs are out of their scope.
      const home = (await call(admin, 'GET', '/api/v1/institutions?pageSize=100', 200)).body.items.find((i: { isDefault: boolean }) => i.isDefault);
      const program = (
        await call(admin, 'POST', '/api/v1/programs', 201, {
          body: { institutionId: home.id, ramoCode: '19', modality: 'S', code: '038', name: 'Programa IMSS-PROSPERA' },
        })
      ).body;
      ids.program = program.id;
      await call(admin, 'GET', `/api/v1/programs?institutionId=${home.id}`, 200);
      await call(admin, 'GET', `/api/v1/programs/${program.id}`, 200);
      await call(admin, 'PATCH', `/api/v1/programs/${program.id}`, 200, {
        body: { version: program.version, name: 'Programa IMSS-BIENESTAR', nameValidFrom: '2018-01-01' },
      });
      await call(admin, 'GET', `/api/v1/programs/${program.id}/names`, 200);

      const areaA = (await call(admin, 'POST', '/api/v1/areas', 201, { body: { name: 'Coordinación de Planeación', acronym: 'CP' } })).body;
      const areaB = (await call(admin, 'POST', '/api/v1/areas', 201, { body: { name: 'Coordinación de Finanzas', parentId: areaA.id } })).body;
      ids.areaA = areaA.id;
      ids.areaB = areaB.id;
      await call(admin, 'GET', '/api/v1/areas', 200);
      await call(admin, 'GET', `/api/v1/areas/${areaB.id}`, 200);
      await call(admin, 'PATCH', `/api/v1/areas/${areaB.id}`, 200, { body: { version: areaB.version, acronym: 'CF' } });

      ids.cycle = (await call(evaluacion, 'POST', '/api/v1/cycles', 201, { body: { label: '2021-2022' } })).body.id;
      await call(admin, 'GET', '/api/v1/cycles', 200);
      await call(admin, 'GET', `/api/v1/cycles/${ids.cycle}`, 200);

      const ev = (
        await call(evaluacion, 'POST', '/api/v1/evaluations', 201, {
          body: {
            title: 'Evaluación de Consistencia y Resultados',
            evaluationType: 'Consistencia y Resultados',
            paeYear: 2021,
            coordinatingInstance: 'CONEVAL',
            programIds: [program.id],
            recommendations: [{ number: 1, text: 'Actualizar el diagnóstico' }],
          },
        })
      ).body;
      ids.evaluation = ev.id;
      ids.recommendation = ev.recommendations[0].id;
      await call(admin, 'GET', '/api/v1/evaluations', 200);
      await call(admin, 'GET', `/api/v1/evaluations/${ev.id}`, 200);
      await call(evaluacion, 'PATCH', `/api/v1/evaluations/${ev.id}`, 200, { body: { version: ev.version, evaluator: 'Universidad Autónoma' } });
      await call(evaluacion, 'POST', `/api/v1/evaluations/${ev.id}/recommendations`, 201, { body: { number: 2, text: 'Documentar el proceso' } });
      await call(evaluacion, 'PATCH', `/api/v1/recommendations/${ids.recommendation}`, 200, {
        body: { version: 1, text: 'Actualizar el diagnóstico del programa' },
      });
    });

    it('users', async () => {
      coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ids.areaA] }));
      resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ids.areaB] }));
      const user = (
        await call(admin, 'POST', '/api/v1/users', 201, {
          body: { email: 'analista@prueba.gob.mx', fullName: 'Analista de Prueba', roles: ['responsable'], areaIds: [ids.areaB] },
        })
      ).body;
      await call(admin, 'GET', '/api/v1/users?role=responsable', 200);
      await call(admin, 'GET', `/api/v1/users/${user.id}`, 200);
      await call(admin, 'PATCH', `/api/v1/users/${user.id}`, 200, { body: { version: user.version, fullName: 'Analista Responsable', active: true } });
      await call(admin, 'POST', `/api/v1/users/${user.id}/password`, 204, { body: { newPassword: 'Restablecida-2025x' } });
    });

    const action = (description: string) => ({
      description,
      responsibleAreaIds: [ids.areaB],
      dueDate: '2030-12-31',
      expectedResults: 'Programa de trabajo',
      products: 'Documento',
    });

    /** A new ASM of the program and cycle, coordinated by area A. */
    const newAsm = async (body: object) =>
      (await call(coord, 'POST', '/api/v1/asms', 201, { body: { programId: ids.program, cycleId: ids.cycle, coordinatingAreaId: ids.areaA, ...body } })).body;

    it('ASMs and their action plans', async () => {
      const asm = await newAsm({
        evaluationId: ids.evaluation,
        recommendationId: ids.recommendation,
        text: 'Estandarizar el Programa de Trabajo',
        classification: 'institucional',
        priority: 'alta',
        actions: [action('Elaborar el programa de trabajo'), action('Difundir el programa')],
      });
      ids.asm = asm.id;
      await call(coord, 'GET', `/api/v1/asms?programId=${ids.program}`, 200);
      const edited = (await call(coord, 'PATCH', `/api/v1/asms/${asm.id}`, 200, { body: { version: asm.version, topic: 'Planeación' } })).body;
      const extra = (await call(coord, 'POST', `/api/v1/asms/${asm.id}/actions`, 201, { body: action('Acción que sobra') })).body;
      await call(coord, 'GET', `/api/v1/actions/${extra.id}`, 200);
      await call(coord, 'DELETE', `/api/v1/actions/${extra.id}?version=${extra.version}`, 204);
      const [a1, a2] = edited.actions;
      ids.action1 = a1.id;
      ids.action2 = a2.id;
      await call(coord, 'PATCH', `/api/v1/actions/${a1.id}`, 200, { body: { version: a1.version, weight: 2 } });
      const current = (await call(coord, 'GET', `/api/v1/asms/${asm.id}`, 200)).body;
      await call(coord, 'POST', `/api/v1/asms/${asm.id}/commit`, 200, { body: { version: current.version } });
      await call(resp, 'GET', `/api/v1/actions?responsibleAreaId=${ids.areaB}`, 200);

      const other = await newAsm({ text: 'Un ASM de más', classification: 'especifico' });
      await call(coord, 'POST', `/api/v1/asms/${other.id}/cancel`, 200, { body: { version: other.version, reason: 'Se registró por error' } });

      const single = await newAsm({ text: 'Actualizar el padrón', classification: 'institucional', actions: [action('Depurar el padrón')] });
      ids.single = single.id;
      ids.singleAction = single.actions[0].id;
      await call(coord, 'POST', `/api/v1/asms/${single.id}/commit`, 200, { body: { version: single.version } });
    });

    it('a cut: avances with evidence, review, prórrogas, close, snapshot and official documents', async () => {
      const corte = (await call(evaluacion, 'POST', '/api/v1/cortes', 201, { body: { year: 2030, month: 3 } })).body;
      await call(evaluacion, 'GET', '/api/v1/cortes', 200);
      await call(resp, 'GET', `/api/v1/cortes/${corte.id}`, 200);
      const open = (await call(evaluacion, 'POST', `/api/v1/cortes/${corte.id}/open`, 200, { body: { version: corte.version } })).body;

      // Reported with a PDF, corrected, submitted, approved.
      const av = (await call(resp, 'POST', `/api/v1/actions/${ids.action1}/avances`, 201, { body: { percent: 60, observations: 'Avance al 60 %' } })).body;
      const corrected = (
        await call(resp, 'PATCH', `/api/v1/avances/${av.id}`, 200, { body: { version: av.version, percent: 65, proofDocumentName: 'Programa de trabajo' } })
      ).body;
      const file = (await call(resp, 'POST', `/api/v1/avances/${av.id}/evidence`, 201, { file: { content: pdf(), name: 'Programa de trabajo.pdf' } })).body;
      await call(resp, 'GET', `/api/v1/evidence/${file.id}`, 200);
      await call(coord, 'GET', `/api/v1/evidence/${file.id}/content`, 200);
      const sent = (await call(resp, 'POST', `/api/v1/avances/${av.id}/submit`, 200, { body: { version: corrected.version } })).body;
      await call(resp, 'GET', '/api/v1/worklist/actions?pageSize=10', 200);
      await call(coord, 'GET', '/api/v1/worklist/reviews?kind=avance', 200);
      await call(coord, 'GET', '/api/v1/avances?status=enviado', 200);
      await call(coord, 'POST', `/api/v1/avances/${av.id}/approve`, 200, { body: { version: sent.version } });
      await call(consulta, 'GET', `/api/v1/avances/${av.id}`, 200);

      // Returned with a reason; a wrong file attached and withdrawn.
      const av2 = (await call(resp, 'POST', `/api/v1/actions/${ids.action2}/avances`, 201, { body: { percent: 30 } })).body;
      const sent2 = (await call(resp, 'POST', `/api/v1/avances/${av2.id}/submit`, 200, { body: { version: av2.version } })).body;
      await call(coord, 'POST', `/api/v1/avances/${av2.id}/return`, 200, { body: { version: sent2.version, reason: 'Adjunta el oficio de difusión' } });
      const wrong = (await call(resp, 'POST', `/api/v1/avances/${av2.id}/evidence`, 201, { file: { content: pdf('Otro'), name: 'equivocado.pdf' } })).body;
      await call(resp, 'POST', `/api/v1/evidence/${wrong.id}/withdraw`, 200, { body: { version: wrong.version, reason: 'Archivo equivocado' } });
      await call(resp, 'POST', `/api/v1/avances/${av2.id}/evidence`, 415, { file: { content: EXE, name: 'programa.pdf' } });

      // 100 % with its evidence concludes the one-action ASM; the evaluation unit reopens it.
      const full = (await call(resp, 'POST', `/api/v1/actions/${ids.singleAction}/avances`, 201, { body: { percent: 100 } })).body;
      await call(resp, 'POST', `/api/v1/avances/${full.id}/evidence`, 201, { file: { content: pdf('Padrón'), name: 'Padrón depurado.pdf' } });
      const fullSent = (await call(resp, 'POST', `/api/v1/avances/${full.id}/submit`, 200, { body: { version: full.version } })).body;
      await call(coord, 'POST', `/api/v1/avances/${full.id}/approve`, 200, { body: { version: fullSent.version } });
      const concluded = (await call(consulta, 'GET', `/api/v1/asms/${ids.single}`, 200)).body;
      expect(concluded.status).toBe('concluido');
      await call(evaluacion, 'POST', `/api/v1/asms/${ids.single}/reopen`, 200, { body: { version: concluded.version, reason: 'Falta publicar el padrón' } });

      // Prórrogas: one approved, one rejected.
      const p1 = (
        await call(resp, 'POST', `/api/v1/actions/${ids.action1}/prorrogas`, 201, {
          body: { requestedDueDate: '2031-06-30', justification: 'Cambio de prioridades' },
        })
      ).body;
      await call(coord, 'GET', '/api/v1/prorrogas?status=solicitada', 200);
      await call(coord, 'GET', '/api/v1/worklist/reviews?kind=prorroga', 200);
      await call(resp, 'GET', `/api/v1/prorrogas/${p1.id}`, 200);
      await call(coord, 'POST', `/api/v1/prorrogas/${p1.id}/approve`, 200, { body: { version: p1.version } });
      const p2 = (
        await call(resp, 'POST', `/api/v1/actions/${ids.action2}/prorrogas`, 201, {
          body: { requestedDueDate: '2031-03-31', justification: 'Falta presupuesto' },
        })
      ).body;
      await call(coord, 'POST', `/api/v1/prorrogas/${p2.id}/reject`, 200, { body: { version: p2.version, reason: 'Sin sustento' } });

      // Close, then the frozen rows and the official documents in each format.
      await call(evaluacion, 'POST', `/api/v1/cortes/${corte.id}/close`, 200, { body: { version: open.version, force: true } });
      await call(coord, 'GET', `/api/v1/cortes/${corte.id}/snapshot`, 200);
      for (const format of ['xlsx', 'pdf', 'csv']) {
        await call(evaluacion, 'GET', `/api/v1/cortes/${corte.id}/documents/avance-institucional?format=${format}`, 200);
      }
      await call(evaluacion, 'GET', `/api/v1/cycles/${ids.cycle}/documents/documento-institucional?format=xlsx&programId=${ids.program}`, 200);
      await call(evaluacion, 'GET', '/api/v1/documents/datos-abiertos', 200);
    });

    it('imports, settings, reminders and the bitácora', async () => {
      const text = officialText({ asm: 'ASM importado', coordinatingArea: 'Coordinación de Planeación', responsibleArea: 'Coordinación de Finanzas' });
      await call(evaluacion, 'POST', '/api/v1/imports/oficial?ramo=19&institucion=IMSS&dryRun=true', 200, { file: { content: text, name: 'avance.txt' } });

      await call(admin, 'PUT', '/api/v1/settings/institucion.nombre', 200, { body: { value: 'Instituto Mexicano del Seguro Social' } });
      await call(admin, 'PUT', '/api/v1/settings/reportes.encabezados', 200, { body: { value: { programa: 'Programa presupuestario' } } });
      await call(consulta, 'GET', '/api/v1/settings', 200);

      // On the last business day before the action's (extended) fecha de término, its area is reminded.
      const due = (await call(resp, 'GET', `/api/v1/actions/${ids.action1}`, 200)).body.dueDate as string;
      const calendar = t.app.get(BusinessCalendarService);
      let eve = due;
      do eve = new Date(Date.parse(`${eve}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      while (!calendar.isBusinessDay(eve));
      const preview = (await call(evaluacion, 'GET', `/api/v1/reminders/preview?date=${eve}`, 200)).body;
      expect(preview.digests.length).toBeGreaterThan(0);
      await call(evaluacion, 'POST', '/api/v1/reminders/run', 202);
      await t.db.query(
        `INSERT INTO notification_log (kind, digest_date, recipient_email, subject, status, attempts, sent_at) VALUES ('resumen', $1, 'responsable@prueba.gob.mx', 'Tus pendientes', 'enviado', 1, now())`,
        [eve],
      );
      await call(evaluacion, 'GET', '/api/v1/notifications?kind=resumen', 200);
      await call(consulta, 'GET', `/api/v1/audit?entity=asms&entityId=${ids.asm}`, 200);
    });

    it('errors: each in the one documented error shape', async () => {
      await call(undefined, 'GET', '/api/v1/asms', 401);
      await call(consulta, 'POST', '/api/v1/asms', 403, { body: {}, invalid: true });
      await call(consulta, 'GET', `/api/v1/asms/${NOBODY}`, 404);
      await call(coord, 'GET', '/api/v1/asms/no-es-uuid', 400);
      await call(coord, 'POST', '/api/v1/asms', 400, { body: { text: '' }, invalid: true });
      await call(coord, 'POST', '/api/v1/asms', 422, {
        body: { programId: NOBODY, cycleId: ids.cycle, coordinatingAreaId: ids.areaA, text: 'ASM', classification: 'institucional' },
      });
      await call(coord, 'PATCH', `/api/v1/asms/${ids.asm}`, 409, { body: { version: 1, topic: 'Versión vieja' } });
      await call(admin, 'PATCH', `/api/v1/areas/${ids.areaA}`, 409, { body: { version: 99, acronym: 'X' } });
      await call(undefined, 'POST', '/api/v1/auth/login', 401, { body: { email: 'nadie@prueba.gob.mx', password: 'No-es-la-clave-2025' } });
    });
  });

  it('exercised every operation of the document with a successful answer that matched its schema', () => {
    expect(contract.operations.map((o) => o.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});
