import { fingerprint } from './support/database';
import { Client, createTestApp, TestApp } from './support/app';
import { AsmBody, Factory } from './support/factories';

describe('ASM registry API (foundation)', () => {
  let t: TestApp;
  let c: Client;
  let f: Factory;
  let programA: { id: string; key: string };
  let cycle2122: { id: string };
  let coord: { id: string; name: string };
  let areaX: { id: string; name: string };
  let areaY: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    // One person who manages catalogs, coordinates every area it creates and runs the mechanism.
    const manager = await t.user({ roles: ['administrador', 'coordinador', 'evaluacion'] });
    c = await t.as(manager);
    f = new Factory(c, async (areaId) => {
      await t.db.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [manager.id, areaId]);
    });
    // The users' institution: another institution's ASMs are out of their scope.
    const inst = await f.defaultInstitution();
    programA = await f.program({ institutionId: inst.id, ramoCode: '19', modality: 'S', code: '038', name: 'Programa IMSS-BIENESTAR' });
    await f.program({ institutionId: inst.id, ramoCode: '50', modality: 'E', code: '001', name: 'Atención a la Salud' });
    cycle2122 = await f.cycle('2021-2022');
    await f.cycle('2020-2021');
    coord = await f.area('Coordinación de Planeación, Evaluación y Sistemas de Información');
    areaX = await f.area('Coordinación de Finanzas e Infraestructura');
    areaY = await f.area('Coordinación de Acción Comunitaria');
  });

  afterAll(async () => {
    await t.close();
  });

  const base = () => ({ programId: programA.id, cycleId: cycle2122.id, coordinatingAreaId: coord.id });

  describe('creating the catalog and an ASM with two actions', () => {
    it('prints the program key as the official format does', () => {
      expect(programA.key).toBe('S-038');
    });

    it('creates the ASM in borrador with both actions, their areas and the promedio', async () => {
      const asm = await f.asm({
        ...base(),
        text: 'Estandarizar el Programa de Trabajo',
        priority: 'alta',
        actions: [
          f.action([areaX.id], { description: 'Elaborar el programa', percent: 98 }),
          f.action([areaY.id, areaX.id], { description: 'Difundir el programa', percent: 50 }),
        ],
      });
      expect(asm.status).toBe('borrador');
      expect(asm.version).toBe(1);
      expect(asm.actions).toHaveLength(2);
      expect(asm.actions[1].responsibleAreas.map((a) => a.name)).toEqual([areaY.name, areaX.name]);
      expect(asm.promedio).toBe(74);
      expect(asm.promedioText).toBe('74.00%');
      expect(asm.program).toEqual({ id: programA.id, key: 'S-038', name: 'Programa IMSS-BIENESTAR', ramoCode: '19' });
      const got = await c.get(`/api/v1/asms/${asm.id}`).expect(200);
      expect(got.body.actions.map((a: { percent: number }) => a.percent)).toEqual([98, 50]);
    });

    it('applies weights to the promedio when they are set', async () => {
      const asm = await f.asm({
        ...base(),
        actions: [f.action([areaX.id], { percent: 100, weight: 3 }), f.action([areaX.id], { percent: 0, weight: 1 })],
      });
      expect(asm.promedioText).toBe('75.00%');
    });

    it('returns an ASM without actions with no promedio', async () => {
      const asm = await f.asm({ ...base() });
      expect(asm.promedio).toBeNull();
      expect(asm.promedioText).toBe('');
    });
  });

  describe('status transitions', () => {
    it('refuses to commit while an action lacks fecha de término or responsible areas, and accepts once complete', async () => {
      const asm = await f.asm({
        ...base(),
        actions: [f.action([], { dueDate: null }), f.action([areaX.id])],
      });
      const before = await fingerprint(t.db);
      const refused = await c.post(`/api/v1/asms/${asm.id}/commit`, { version: asm.version }).expect(409);
      expect(refused.body.code).toBe('ASM_PLAN_INCOMPLETE');
      expect(refused.body.message).toMatch(/El plan de acción está incompleto/);
      expect(refused.body.details).toEqual([
        { field: 'actions[0].responsibleAreaIds', message: 'La acción 1 no tiene áreas responsables.' },
        { field: 'actions[0].dueDate', message: 'La acción 1 no tiene fecha de término.' },
      ]);
      expect(await fingerprint(t.db)).toEqual(before);

      const first = asm.actions[0];
      const fixed = await c.patch(`/api/v1/actions/${first.id}`, { version: first.version, responsibleAreaIds: [areaY.id], dueDate: '2030-06-30' }).expect(200);
      expect(fixed.body.version).toBe(2);
      expect(fixed.body.originalDueDate).toBeNull();

      const committed = await c.post(`/api/v1/asms/${asm.id}/commit`, { version: asm.version }).expect(200);
      expect(committed.body.status).toBe('comprometido');
      expect(committed.body.version).toBe(asm.version + 1);
      // The fecha de término as committed is kept as the original date.
      expect(committed.body.actions.map((a: AsmBody['actions'][0]) => a.originalDueDate)).toEqual(['2030-06-30', '2030-12-31']);
    });

    it('refuses to commit an ASM without actions', async () => {
      const asm = await f.asm({ ...base() });
      const res = await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(409);
      expect(res.body.code).toBe('ASM_PLAN_INCOMPLETE');
      expect(res.body.details[0].message).toBe('El ASM no tiene acciones; agrega al menos una.');
    });

    it('refuses an illegal transition with a clear Spanish message and changes nothing', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id])] });
      await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200);
      const before = await fingerprint(t.db);
      const res = await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 2 }).expect(409);
      expect(res.body).toMatchObject({
        code: 'ASM_TRANSITION_INVALID',
        message: 'No se puede comprometer un ASM en estado comprometido. Solo se compromete un ASM en borrador.',
      });
      const reopen = await c.post(`/api/v1/asms/${asm.id}/reopen`, { version: 2, reason: 'Corrección' }).expect(409);
      expect(reopen.body.code).toBe('ASM_TRANSITION_INVALID');
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('refuses a cancellation without a reason, then cancels with one', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id])] });
      const before = await fingerprint(t.db);
      const noReason = await c.post(`/api/v1/asms/${asm.id}/cancel`, { version: 1 }).expect(400);
      expect(noReason.body.code).toBe('VALIDATION_FAILED');
      expect(noReason.body.details).toEqual([{ field: 'reason', message: 'La justificación es obligatoria.' }]);
      const blank = await c.post(`/api/v1/asms/${asm.id}/cancel`, { version: 1, reason: '   ' }).expect(400);
      expect(blank.body.details).toEqual([{ field: 'reason', message: 'La justificación es obligatoria.' }]);
      expect(await fingerprint(t.db)).toEqual(before);

      const ok = await c.post(`/api/v1/asms/${asm.id}/cancel`, { version: 1, reason: 'Fusionado con otro ASM' }).expect(200);
      expect(ok.body).toMatchObject({ status: 'cancelado', statusReason: 'Fusionado con otro ASM', version: 2 });
      const edit = await c.patch(`/api/v1/asms/${asm.id}`, { version: 2, text: 'Otro' }).expect(409);
      expect(edit.body.code).toBe('ASM_NOT_EDITABLE');
    });

    it('reopens a concluded ASM with a reason (concluido → en proceso)', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id], { percent: 100 })] });
      await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200);
      // Concluding needs the progress workflow (a later slice); set the state directly.
      await t.db.query(`UPDATE asms SET status = 'concluido', concluded_at = now(), version = version + 1 WHERE id = $1`, [asm.id]);
      const res = await c.post(`/api/v1/asms/${asm.id}/reopen`, { version: 3, reason: 'Faltó evidencia' }).expect(200);
      expect(res.body).toMatchObject({ status: 'en_proceso', statusReason: 'Faltó evidencia', version: 4 });
    });
  });

  describe('optimistic versioning', () => {
    it('answers a stale version with 409 and leaves the row unchanged', async () => {
      const asm = await f.asm({ ...base(), text: 'Texto original', actions: [f.action([areaX.id])] });
      await c.patch(`/api/v1/asms/${asm.id}`, { version: 1, text: 'Primera edición' }).expect(200);
      const before = await fingerprint(t.db);
      const stale = await c.patch(`/api/v1/asms/${asm.id}`, { version: 1, text: 'Edición perdida' }).expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect(stale.body.message).toMatch(/Otra persona modificó el ASM/);
      expect(stale.body.details[0]).toMatchObject({ field: 'version', currentVersion: 2 });
      expect(await fingerprint(t.db)).toEqual(before);
      const row = await t.db.query(`SELECT text, version FROM asms WHERE id = $1`, [asm.id]);
      expect(row.rows[0]).toEqual({ text: 'Primera edición', version: 2 });

      const action = asm.actions[0];
      await c.patch(`/api/v1/actions/${action.id}`, { version: 1, observations: 'a' }).expect(200);
      const staleAction = await c.patch(`/api/v1/actions/${action.id}`, { version: 1, observations: 'b' }).expect(409);
      expect(staleAction.body.code).toBe('VERSION_CONFLICT');
      const arow = await t.db.query(`SELECT observations, version FROM actions WHERE id = $1`, [action.id]);
      expect(arow.rows[0]).toEqual({ observations: 'a', version: 2 });

      const staleTransition = await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(409);
      expect(staleTransition.body.code).toBe('VERSION_CONFLICT');
    });

    it('versions catalog records too', async () => {
      const area = await f.area();
      await c.patch(`/api/v1/areas/${area.id}`, { version: 1, acronym: 'CX' }).expect(200);
      const res = await c.patch(`/api/v1/areas/${area.id}`, { version: 1, acronym: 'CY' }).expect(409);
      expect(res.body.code).toBe('VERSION_CONFLICT');
      const row = await t.db.query(`SELECT acronym FROM areas WHERE id = $1`, [area.id]);
      expect(row.rows[0].acronym).toBe('CX');
    });
  });

  describe('bad input is answered 4xx and writes nothing', () => {
    const cases: [string, (b: Record<string, unknown>) => Record<string, unknown>, number, string, string?][] = [
      ['percent 101', (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], percent: 101 }] }), 400, 'VALIDATION_FAILED', 'actions[0].percent'],
      ['percent -1', (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], percent: -1 }] }), 400, 'VALIDATION_FAILED', 'actions[0].percent'],
      [
        'unknown area id',
        (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], responsibleAreaIds: ['00000000-0000-4000-8000-000000000000'] }] }),
        422,
        'REFERENCE_NOT_FOUND',
        'actions[0].responsibleAreaIds[0]',
      ],
      [
        'unknown coordinating area',
        (b) => ({ ...b, coordinatingAreaId: '00000000-0000-4000-8000-000000000001' }),
        422,
        'REFERENCE_NOT_FOUND',
        'coordinatingAreaId',
      ],
      ['empty ASM text', (b) => ({ ...b, text: '' }), 400, 'VALIDATION_FAILED', 'text'],
      ['blank ASM text', (b) => ({ ...b, text: ' \n ' }), 400, 'VALIDATION_FAILED', 'text'],
      [
        'date 31/02/2024',
        (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], dueDate: '31/02/2024' }] }),
        400,
        'VALIDATION_FAILED',
        'actions[0].dueDate',
      ],
      [
        'date 2024-02-31',
        (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], dueDate: '2024-02-31' }] }),
        400,
        'VALIDATION_FAILED',
        'actions[0].dueDate',
      ],
      ['text longer than allowed', (b) => ({ ...b, text: 'x'.repeat(4001) }), 400, 'VALIDATION_FAILED', 'text'],
      ['a 1 MB text field', (b) => ({ ...b, text: 'x'.repeat(1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE', undefined],
      ['percent as text', (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], percent: '50' }] }), 400, 'VALIDATION_FAILED', 'actions[0].percent'],
      ['text as number', (b) => ({ ...b, text: 42 }), 400, 'VALIDATION_FAILED', 'text'],
      ['actions as object', (b) => ({ ...b, actions: { a: 1 } }), 400, 'VALIDATION_FAILED', 'actions'],
      ['unknown classification', (b) => ({ ...b, classification: 'general' }), 400, 'VALIDATION_FAILED', 'classification'],
      ['programId not a uuid', (b) => ({ ...b, programId: 'S038' }), 400, 'VALIDATION_FAILED', 'programId'],
      ['unknown field', (b) => ({ ...b, status: 'concluido' }), 400, 'VALIDATION_FAILED', 'status'],
      ['weight 0', (b) => ({ ...b, actions: [{ ...(b.actions as object[])[0], weight: 0 }] }), 400, 'VALIDATION_FAILED', 'actions[0].weight'],
    ];

    it.each(cases)('%s', async (_name, mutate, status, code, field) => {
      const valid = { ...base(), text: 'ASM válido', classification: 'institucional', actions: [f.action([areaX.id])] };
      const before = await fingerprint(t.db);
      const res = await c.post('/api/v1/asms', mutate(valid)).expect(status);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(res.body.message.length).toBeGreaterThan(10);
      expect(Array.isArray(res.body.details)).toBe(true);
      if (field) expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('refuses malformed JSON in the one error shape', async () => {
      const res = await t.http
        .post('/api/v1/asms')
        .set('Authorization', `Bearer ${c.token}`)
        .set('Content-Type', 'application/json')
        .send('{"text": ')
        .expect(400);
      expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', details: [] });
      expect(res.headers['x-request-id']).toBe(res.body.requestId);
    });

    it('refuses an invalid id in the path and answers 404 for an unknown one', async () => {
      const bad = await c.get('/api/v1/asms/abc').expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', message: 'El identificador de la dirección no es válido (debe ser un UUID); revisa el enlace.' }]);
      const missing = await c.get('/api/v1/asms/00000000-0000-4000-8000-000000000000').expect(404);
      expect(missing.body.code).toBe('ASM_NOT_FOUND');
      expect(missing.body.message).toMatch(/^No existe el ASM/);
    });

    it('refuses a bad update to an action and writes nothing', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id])] });
      const before = await fingerprint(t.db);
      const a = asm.actions[0];
      await c.patch(`/api/v1/actions/${a.id}`, { version: 1, percent: 101 }).expect(400);
      await c.patch(`/api/v1/actions/${a.id}`, { version: 1, description: null }).expect(400);
      await c.patch(`/api/v1/actions/${a.id}`, { version: 1, responsibleAreaIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
      await c.patch(`/api/v1/actions/${a.id}`, { percent: 10 }).expect(400);
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('keeps the % of a committed plan for approved progress only', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id], { percent: 10 })] });
      await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200);
      const a = asm.actions[0];
      const res = await c.patch(`/api/v1/actions/${a.id}`, { version: 1, percent: 60 }).expect(409);
      expect(res.body.code).toBe('ACTION_PERCENT_LOCKED');
      const cleared = await c.patch(`/api/v1/actions/${a.id}`, { version: 1, dueDate: null }).expect(409);
      expect(cleared.body.code).toBe('ACTION_DUE_DATE_LOCKED');
      const emptied = await c.patch(`/api/v1/actions/${a.id}`, { version: 1, products: null }).expect(409);
      expect(emptied.body.code).toBe('ASM_PLAN_INCOMPLETE');
      const row = await t.db.query(`SELECT percent, due_date FROM actions WHERE id = $1`, [a.id]);
      expect(row.rows[0]).toEqual({ percent: 10, due_date: '2030-12-31' });
    });

    it('removes an action only while the ASM is a draft', async () => {
      const asm = await f.asm({ ...base(), actions: [f.action([areaX.id]), f.action([areaX.id])] });
      await c.delete(`/api/v1/actions/${asm.actions[1].id}?version=1`).expect(204);
      await c.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200);
      const res = await c.delete(`/api/v1/actions/${asm.actions[0].id}?version=1`).expect(409);
      expect(res.body.code).toBe('ACTION_NOT_REMOVABLE');
      expect((await c.get(`/api/v1/asms/${asm.id}`)).body.actions).toHaveLength(1);
    });
  });

  describe('listing with each filter', () => {
    let listed: Record<'a' | 'b' | 'c', AsmBody>;
    const ref: Record<string, string> = {};

    beforeAll(async () => {
      // A separate program and cycle so that earlier tests' ASMs stay out of the counts.
      const inst = await f.defaultInstitution();
      const p1 = await f.program({ institutionId: inst.id, modality: 'U', code: '901', name: 'Programa Uno' });
      const p2 = await f.program({ institutionId: inst.id, modality: 'U', code: '902', name: 'Programa Dos' });
      const c1 = await f.cycle('2015-2016');
      const c2 = await f.cycle('2016-2017');
      const co1 = await f.area('Coordinación Filtro Uno');
      const co2 = await f.area('Coordinación Filtro Dos');
      const r1 = await f.area('Responsable Filtro Uno');
      const r2 = await f.area('Responsable Filtro Dos');
      const mk = (o: Record<string, unknown>) => f.asm({ programId: p1.id, cycleId: c1.id, coordinatingAreaId: co1.id, ...o });
      listed = {
        a: await mk({ text: 'Mejorar la planeación estratégica', priority: 'alta', actions: [f.action([r1.id], { dueDate: '2020-01-31' })] }),
        b: await mk({ programId: p2.id, text: 'Actualizar el padrón', priority: 'media', classification: 'especifico', actions: [f.action([r2.id])] }),
        c: await mk({ cycleId: c2.id, coordinatingAreaId: co2.id, text: 'Revisar indicadores', priority: 'baja', actions: [f.action([r1.id, r2.id])] }),
      };
      // a: committed with a past due date → overdue
      await c.post(`/api/v1/asms/${listed.a.id}/commit`, { version: 1 }).expect(200);
      Object.assign(ref, { p1: p1.id, p2: p2.id, c1: c1.id, c2: c2.id, co1: co1.id, co2: co2.id, r1: r1.id, r2: r2.id });
    });

    /** Which of a, b, c the query returns (other tests' ASMs are ignored). */
    async function ids(query: string): Promise<string[]> {
      const res = await c.get(`/api/v1/asms?${query}&pageSize=100`).expect(200);
      const names = new Map([listed.a, listed.b, listed.c].map((v, i) => [v.id, 'abc'[i]]));
      return (res.body.items as AsmBody[])
        .filter((a) => names.has(a.id))
        .map((a) => names.get(a.id)!)
        .sort();
    }

    const k = () => ref;

    it('filters by program', async () => expect(await ids(`programId=${k().p2}`)).toEqual(['b']));
    it('filters by cycle', async () => expect(await ids(`cycleId=${k().c2}`)).toEqual(['c']));
    it('filters by classification', async () => expect(await ids('classification=especifico')).toEqual(['b']));
    it('filters by priority', async () => expect(await ids('priority=baja')).toEqual(['c']));
    it('filters by status', async () => {
      expect(await ids('status=comprometido')).toEqual(['a']);
      expect(await ids(`status=borrador&cycleId=${k().c1}`)).toEqual(['b']);
    });
    it('filters by coordinating area', async () => expect(await ids(`coordinatingAreaId=${k().co2}`)).toEqual(['c']));
    it('filters by responsible area', async () => {
      expect(await ids(`responsibleAreaId=${k().r1}`)).toEqual(['a', 'c']);
      expect(await ids(`responsibleAreaId=${k().r2}`)).toEqual(['b', 'c']);
    });
    it('filters overdue ASMs', async () => {
      expect(await ids('overdue=true')).toEqual(['a']);
      expect(await ids(`overdue=false&coordinatingAreaId=${k().co1}`)).toEqual(['b']);
      const a = await c.get(`/api/v1/asms/${listed.a.id}`).expect(200);
      expect(a.body.actions[0].overdue).toBe(true);
    });
    it('searches text without regard to accents or case', async () => {
      expect(await ids('q=PLANEACION')).toEqual(['a']);
      expect(await ids('q=padrón')).toEqual(['b']);
      expect(await ids('q=nada-que-coincida')).toEqual([]);
      expect(await ids('q=100%25')).toEqual([]);
    });
    it('combines filters', async () => expect(await ids(`programId=${k().p1}&priority=alta&overdue=true`)).toEqual(['a']));

    it('paginates with a total', async () => {
      const all = await c.get(`/api/v1/asms?cycleId=${k().c1}&pageSize=1`).expect(200);
      expect(all.body).toMatchObject({ page: 1, pageSize: 1, total: 2 });
      expect(all.body.items).toHaveLength(1);
      const second = await c.get(`/api/v1/asms?cycleId=${k().c1}&pageSize=1&page=2`).expect(200);
      expect(second.body.items[0].id).not.toBe(all.body.items[0].id);
      const beyond = await c.get(`/api/v1/asms?cycleId=${k().c1}&pageSize=1&page=9`).expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 2 });
    });

    it('refuses bad filters in Spanish', async () => {
      const res = await c.get('/api/v1/asms?priority=urgente&pageSize=1000&overdue=quizas').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['overdue', 'pageSize', 'priority']);
    });

    it('lists the actions of one responsible area', async () => {
      const res = await c.get(`/api/v1/actions?responsibleAreaId=${k().r2}`).expect(200);
      expect(res.body.total).toBe(2);
      for (const a of res.body.items) expect(a.responsibleAreas.map((r: { id: string }) => r.id)).toContain(k().r2);
    });
  });

  describe('catalogs', () => {
    it('keeps the history of a program name', async () => {
      const p = await f.program({ name: 'IMSS-Oportunidades' });
      await c.patch(`/api/v1/programs/${p.id}`, { version: 1, name: 'IMSS-PROSPERA', nameValidFrom: '2014-09-08' }).expect(200);
      await c.patch(`/api/v1/programs/${p.id}`, { version: 2, name: 'IMSS-BIENESTAR', nameValidFrom: '2018-12-01' }).expect(200);
      const names = await c.get(`/api/v1/programs/${p.id}/names`).expect(200);
      expect(names.body.map((n: { name: string }) => n.name)).toEqual(['IMSS-Oportunidades', 'IMSS-PROSPERA', 'IMSS-BIENESTAR']);
    });

    it('refuses duplicate natural keys', async () => {
      const dupCycle = await c.post('/api/v1/cycles', { label: '2021-2022' }).expect(409);
      expect(dupCycle.body.code).toBe('DUPLICATE');
      const badCycle = await c.post('/api/v1/cycles', { label: '2021-2023' }).expect(400);
      expect(badCycle.body.details[0].field).toBe('label');
      const dupArea = await c.post('/api/v1/areas', { name: 'coordinación de finanzas e infraestructura.' }).expect(409);
      expect(dupArea.body.message).toContain('Coordinación de Finanzas e Infraestructura');
      const inst = await f.institution();
      const dupProgram = await c.post('/api/v1/programs', { institutionId: inst.id, ramoCode: '19', modality: 'S', code: '038', name: 'Otro' }).expect(409);
      expect(dupProgram.body.message).toContain('S-038');
    });

    it('lists cycles newest first', async () => {
      const res = await c.get('/api/v1/cycles').expect(200);
      const years = res.body.map((c: { startYear: number }) => c.startYear);
      expect(years).toEqual([...years].sort((a: number, b: number) => b - a));
    });

    it('registers an evaluation with its programs and recommendations, and links an ASM to them', async () => {
      const ev = await f.post<{ id: string; recommendations: { id: string; number: number }[]; programIds: string[] }>('/api/v1/evaluations', {
        title: 'Evaluación de Consistencia y Resultados 2020-2021',
        evaluationType: 'Consistencia y Resultados',
        paeYear: 2020,
        coordinatingInstance: 'CONEVAL',
        programIds: [programA.id],
        recommendations: [
          { number: 1, text: 'Revisar las metas' },
          { number: 2, text: 'Actualizar el diagnóstico' },
        ],
      });
      expect(ev.programIds).toEqual([programA.id]);
      expect(ev.recommendations.map((r) => r.number)).toEqual([1, 2]);
      const asm = await f.asm({ ...base(), evaluationId: ev.id, recommendationId: ev.recommendations[1].id });
      expect(asm.recommendationId).toBe(ev.recommendations[1].id);
      const other = await f.asm({ ...base() });
      const mismatch = await c.patch(`/api/v1/asms/${other.id}`, { version: 1, recommendationId: ev.recommendations[0].id }).expect(400);
      expect(mismatch.body.details[0].field).toBe('recommendationId');
    });
  });

  describe('service endpoints', () => {
    it('answers liveness and readiness', async () => {
      await t.http.get('/health/live').expect(200, { status: 'ok' });
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body.checks).toEqual([
        { name: 'database', ok: true },
        { name: 'redis', ok: true },
        { name: 'storage', ok: true },
      ]);
    });

    it('publishes the OpenAPI document with every route', async () => {
      const doc = await t.http.get('/api/docs-json').expect(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/asms',
          '/api/v1/asms/{id}/commit',
          '/api/v1/actions',
          '/api/v1/programs',
          '/api/v1/areas',
          '/api/v1/cycles',
          '/api/v1/evaluations',
        ]),
      );
      await t.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    });

    it('answers unknown routes in the error shape and sets security headers', async () => {
      const res = await c.get('/api/v1/nada').expect(404);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
