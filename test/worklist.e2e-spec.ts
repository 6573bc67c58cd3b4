import { Clock } from '../src/common/clock';
import { createTestApp, TestApp } from './support/app';

/*
 * The work lists of the web application: Mis acciones (semáforo, business days
 * left, latest avance, filters, the most urgent first) and the review queue
 * (oldest first), each filtered by the caller's areas.
 */
describe('work lists', () => {
  let t: TestApp;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    // Wednesday 25 November 2026, noon in Mexico City.
    t.app.get(Clock).setNow(new Date('2026-11-25T18:00:00Z'));
    const q = (sql: string, p: unknown[] = []) => t.db.query(sql, p).then((r) => r.rows);
    const area = async (name: string) => (await q(`INSERT INTO areas (name, name_key) VALUES ($1, lower($1)) RETURNING id`, [name]))[0].id as string;
    id.mine = await area('Área propia');
    id.other = await area('Área ajena');
    id.coord = await area('Área coordinadora');
    await q(`INSERT INTO ramos (code, name) VALUES ('19', 'Ramo')`);
    // The users' (default) institution: another institution's actions are out of their lists.
    const inst = (await q(`UPDATE institutions SET acronym = 'IMSS', name = 'Instituto' WHERE is_default RETURNING id`))[0].id;
    id.program = (
      await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'Programa IMSS-BIENESTAR') RETURNING id`, [
        inst,
      ])
    )[0].id;
    const cycle = (await q(`INSERT INTO cycles (label, start_year) VALUES ('2021-2022', 2021) RETURNING id`))[0].id;
    id.corte = (
      await q(`INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status) VALUES (2026, 9, '2026-09-30', '2026-10-14', 'abierto') RETURNING id`)
    )[0].id;
    const asm = async (status: string, text: string) =>
      (
        await q(
          `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id, status) VALUES ($1, $2, $3, 'institucional', $4, $5) RETURNING id`,
          [id.program, cycle, text, id.coord, status],
        )
      )[0].id as string;
    id.live = await asm('en_proceso', 'Actualizar el diagnóstico del programa');
    id.draft = await asm('borrador', 'Un ASM aún en borrador');
    let pos = 0;
    const action = async (asmId: string, description: string, due: string, percent: number, areaId: string) => {
      const [a] = await q(
        `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent) VALUES ($1, $2, $3, $4, $4, 'R', 'P', $5) RETURNING id`,
        [asmId, ++pos, description, due, percent],
      );
      await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [a.id, areaId]);
      return a.id as string;
    };
    id.overdue = await action(id.live, 'Entregar el informe trimestral', '2026-11-22', 20, id.mine);
    id.soon = await action(id.live, 'Publicar los lineamientos', '2026-11-30', 40, id.mine);
    id.onTime = await action(id.live, 'Depurar el padrón de beneficiarios', '2027-01-29', 60, id.mine);
    id.done = await action(id.live, 'Capacitar al personal', '2026-10-01', 100, id.mine);
    id.inactive = await action(id.draft, 'Acción de un borrador', '2026-11-20', 0, id.mine);
    id.foreign = await action(id.live, 'Acción de otra área', '2026-11-21', 0, id.other);
    const avance = async (actionId: string, status: string, submittedAt: string | null, reason: string | null = null) =>
      (
        await q(`INSERT INTO avances (action_id, corte_id, percent, status, submitted_at, return_reason) VALUES ($1, $2, 70, $3, $4, $5) RETURNING id`, [
          actionId,
          id.corte,
          status,
          submittedAt,
          reason,
        ])
      )[0].id as string;
    id.returned = await avance(id.onTime, 'devuelto', '2026-11-10T10:00:00Z', 'Falta el oficio firmado');
    id.newer = await avance(id.overdue, 'enviado', '2026-11-20T10:00:00Z');
    id.older = await avance(id.soon, 'enviado', '2026-11-18T10:00:00Z');
    id.foreignAvance = await avance(id.foreign, 'enviado', '2026-11-01T10:00:00Z');
    id.prorroga = (
      await q(
        `INSERT INTO prorrogas (action_id, previous_due_date, requested_due_date, justification) VALUES ($1, '2027-01-29', '2027-03-31', 'Más tiempo') RETURNING id`,
        [id.onTime],
      )
    )[0].id;
  });
  afterAll(() => t.close());

  async function as(roles: ('responsable' | 'coordinador' | 'consulta')[], areaIds: string[]) {
    return t.as(await t.user({ roles, areaIds }));
  }

  it('lists my actions, the most urgent first, with semáforo, business days left, ASM and latest avance; nothing of other areas', async () => {
    const c = await as(['responsable'], [id.mine]);
    const res = await c.get('/api/v1/worklist/actions');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    const rows = res.body.items.map((i: Record<string, unknown>) => [i.id, i.semaforo, i.businessDaysLeft]);
    expect(rows).toEqual([
      [id.overdue, 'vencida', -3],
      [id.soon, 'por_vencer', 3],
      [id.onTime, 'en_tiempo', expect.any(Number)],
      [id.inactive, 'inactiva', -3],
      [id.done, 'concluida', null],
    ]);
    const onTime = res.body.items[2];
    expect(onTime.asm).toEqual({
      id: id.live,
      text: 'Actualizar el diagnóstico del programa',
      status: 'en_proceso',
      program: { id: id.program, key: 'S-038', name: 'Programa IMSS-BIENESTAR', ramoCode: '19' },
      cycle: { id: expect.any(String), label: '2021-2022' },
      coordinatingArea: { id: id.coord, name: 'Área coordinadora' },
    });
    expect(onTime.latestAvance).toEqual({
      id: id.returned,
      version: 1,
      status: 'devuelto',
      percent: 70,
      corteLabel: 'Septiembre-2026',
      corteOpen: true,
      returnReason: 'Falta el oficio firmado',
    });
    expect(onTime.pendingProrroga).toEqual({ id: id.prorroga, requestedDueDate: '2027-03-31' });
    expect(res.body.items[3].latestAvance).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(id.foreign);
  });

  it('filters by text (accents and case aside), semáforo and state of the latest avance, and pages', async () => {
    const c = await as(['responsable'], [id.mine]);
    const ids = async (query: string) => (await c.get(`/api/v1/worklist/actions?${query}`)).body.items.map((i: { id: string }) => i.id);
    expect(await ids('q=PADRON')).toEqual([id.onTime]);
    expect(await ids('q=diagnóstico')).toEqual([id.overdue, id.soon, id.onTime, id.done]);
    expect(await ids('q=s-038')).toHaveLength(5);
    expect(await ids('q=otra%20área')).toEqual([]);
    expect(await ids('semaforo=por_vencer')).toEqual([id.soon]);
    expect(await ids('avance=enviado')).toEqual([id.overdue, id.soon]);
    expect(await ids('avance=sin_avance')).toEqual([id.inactive, id.done]);
    const page2 = await c.get('/api/v1/worklist/actions?pageSize=2&page=2');
    expect(page2.body).toEqual(expect.objectContaining({ page: 2, pageSize: 2, total: 5 }));
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([id.onTime, id.inactive]);
    const bad = await c.get('/api/v1/worklist/actions?semaforo=rojo');
    expect(bad.status).toBe(400);
  });

  it('shows a responsable of another area none of these, and a reader of everything all of them', async () => {
    const stranger = await as(['responsable'], [id.other]);
    expect((await stranger.get('/api/v1/worklist/actions')).body.items.map((i: { id: string }) => i.id)).toEqual([id.foreign]);
    const auditor = await as(['consulta'], []);
    expect((await auditor.get('/api/v1/worklist/actions')).body.total).toBe(6);
  });

  it('queues submitted avances and requested prórrogas for the coordinating area, oldest first', async () => {
    const coord = await as(['coordinador'], [id.coord]);
    const avances = await coord.get('/api/v1/worklist/reviews?kind=avance');
    expect(avances.status).toBe(200);
    expect(avances.body.items.map((i: { id: string }) => i.id)).toEqual([id.foreignAvance, id.older, id.newer]);
    expect(avances.body.items[1]).toEqual({
      kind: 'avance',
      id: id.older,
      version: 1,
      submittedAt: '2026-11-18T10:00:00.000Z',
      percent: 70,
      evidenceCount: 0,
      requestedDueDate: null,
      corteLabel: 'Septiembre-2026',
      action: {
        id: id.soon,
        description: 'Publicar los lineamientos',
        dueDate: '2026-11-30',
        originalDueDate: '2026-11-30',
        percent: 40,
        responsibleAreas: [{ id: id.mine, name: 'Área propia' }],
      },
      asm: expect.objectContaining({ id: id.live, text: 'Actualizar el diagnóstico del programa' }),
    });
    const prorrogas = await coord.get('/api/v1/worklist/reviews?kind=prorroga');
    expect(prorrogas.body.items).toEqual([expect.objectContaining({ kind: 'prorroga', id: id.prorroga, requestedDueDate: '2027-03-31', percent: null })]);
    const otherCoord = await as(['coordinador'], [id.other]);
    expect((await otherCoord.get('/api/v1/worklist/reviews?kind=avance')).body.items).toEqual([]);
    expect((await coord.get(`/api/v1/worklist/reviews?kind=avance&asmId=${id.draft}`)).body.items).toEqual([]);
    expect((await coord.get('/api/v1/worklist/reviews')).status).toBe(400);
  });
});
