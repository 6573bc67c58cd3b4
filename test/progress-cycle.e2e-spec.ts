import { Client, createTestApp, TestApp } from './support/app';
import { AsmBody, Factory } from './support/factories';
import { pdf, PNG } from './support/samples';

/**
 * The daily work, end to end through the API with a real user of each role:
 * register, commit, open a cut, report with evidence, return, resubmit,
 * approve, close; then two more cuts for the vigente rule.
 */
describe('progress reports, review, prórrogas and cuts', () => {
  let t: TestApp;
  let admin: Client;
  let evaluacion: Client;
  let coord: Client;
  let respX: Client;
  let respY: Client;
  let consulta: Client;
  let areas: { coord: string; x: string; y: string };
  let ids: { program: string; cycle: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as(await t.user({ roles: ['administrador'] }));
    const f = new Factory(admin);
    const p = await f.program({ modality: 'S', code: '038', name: 'Programa IMSS-BIENESTAR' });
    ids = { program: p.id, cycle: (await f.cycle('2021-2022')).id };
    areas = {
      coord: (await f.area('Coordinación de Planeación')).id,
      x: (await f.area('Coordinación de Finanzas')).id,
      y: (await f.area('Coordinación de Acción Comunitaria')).id,
    };
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [areas.coord] }));
    respX = await t.as(await t.user({ roles: ['responsable'], areaIds: [areas.x] }));
    respY = await t.as(await t.user({ roles: ['responsable'], areaIds: [areas.y] }));
    consulta = await t.as(await t.user({ roles: ['consulta'] }));
  });

  afterAll(async () => {
    await t.close();
  });

  async function registerAsm(text: string): Promise<AsmBody> {
    const asm = (
      await coord
        .post('/api/v1/asms', {
          programId: ids.program,
          cycleId: ids.cycle,
          coordinatingAreaId: areas.coord,
          text,
          classification: 'institucional',
          actions: [
            {
              description: 'Elaborar el programa de trabajo',
              responsibleAreaIds: [areas.x],
              dueDate: '2030-09-30',
              expectedResults: 'Programa',
              products: 'Documento',
            },
            { description: 'Difundir el programa', responsibleAreaIds: [areas.y], dueDate: '2030-12-31', expectedResults: 'Difusión', products: 'Oficios' },
          ],
        })
        .expect(201)
    ).body as AsmBody;
    return (await coord.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200)).body;
  }

  async function openCorte(year: number, month: number): Promise<{ id: string; version: number }> {
    const c = (await evaluacion.post('/api/v1/cortes', { year, month }).expect(201)).body;
    return (await evaluacion.post(`/api/v1/cortes/${c.id}/open`, { version: c.version }).expect(200)).body;
  }

  async function report(client: Client, actionId: string, percent: number, file?: { content: Buffer; name: string }, extra: object = {}) {
    const av = (await client.post(`/api/v1/actions/${actionId}/avances`, { percent, observations: `Avance al ${percent} %`, ...extra }).expect(201)).body;
    if (file) await client.upload(`/api/v1/avances/${av.id}/evidence`, file.content, file.name).expect(201);
    return (await client.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
  }

  const asmOf = async (id: string) => (await consulta.get(`/api/v1/asms/${id}`).expect(200)).body as AsmBody;
  const outbox = async () =>
    (await t.db.query(`SELECT event_type, payload FROM outbox ORDER BY id`)).rows as { event_type: string; payload: Record<string, unknown> }[];

  it('runs a whole cut: report with evidence, return and resubmit, approve, close and freeze the snapshot', async () => {
    const asm = await registerAsm('Estandarizar el Programa de Trabajo');
    const [a1, a2] = asm.actions;
    const corte = await openCorte(2030, 3);
    expect(corte).toMatchObject({ label: 'Marzo-2030', status: 'abierto', cutoffDate: '2030-03-31', submissionDeadline: '2030-04-12' });

    // The responsible areas report: X with a PDF, Y with a PNG.
    const sx = await report(
      respX,
      a1.id,
      60,
      { content: pdf(), name: 'Programa de trabajo.pdf' },
      { proofDocumentName: 'Programa de trabajo', proofDocumentLocation: 'Se anexa documento.' },
    );
    const sy = await report(respY, a2.id, 30, { content: PNG, name: 'captura.png' });
    expect(sx).toMatchObject({ status: 'enviado', percent: 60, approvedPercent: 0 });
    expect(sx.evidence).toHaveLength(1);
    expect(sx.evidence[0]).toMatchObject({ displayName: 'Programa de trabajo.pdf', mimeType: 'application/pdf' });

    // Each area sees only its own action's avances; the coordinator sees both.
    expect((await respX.get('/api/v1/avances').expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([sx.id]);
    expect((await coord.get('/api/v1/avances?status=enviado').expect(200)).body.total).toBe(2);
    await respX.get(`/api/v1/avances/${sy.id}`).expect(403);
    await respX.get(`/api/v1/evidence/${sy.evidence[0].id}/content`).expect(403);

    // The coordinator returns Y's report with a reason; Y corrects and resubmits.
    await coord.post(`/api/v1/avances/${sy.id}/return`, { version: sy.version }).expect(400);
    const returned = (await coord.post(`/api/v1/avances/${sy.id}/return`, { version: sy.version, reason: 'Adjunta el oficio de difusión' }).expect(200)).body;
    expect(returned).toMatchObject({ status: 'devuelto', returnReason: 'Adjunta el oficio de difusión' });
    const edited = (await respY.patch(`/api/v1/avances/${sy.id}`, { version: returned.version, percent: 35, observations: 'Se anexa oficio' }).expect(200))
      .body;
    await respY.upload(`/api/v1/avances/${sy.id}/evidence`, pdf('Oficio'), 'Oficio de difusión.pdf').expect(201);
    const resubmitted = (await respY.post(`/api/v1/avances/${sy.id}/submit`, { version: edited.version }).expect(200)).body;
    expect(resubmitted.status).toBe('enviado');

    // Approvals: the actions take the approved values; the ASM goes to en proceso.
    const approvedX = (await coord.post(`/api/v1/avances/${sx.id}/approve`, { version: sx.version }).expect(200)).body;
    expect(approvedX.status).toBe('aprobado');
    let now = await asmOf(asm.id);
    expect(now.status).toBe('en_proceso');
    expect(now.actions[0]).toMatchObject({
      percent: 60,
      proofDocumentName: 'Programa de trabajo',
      proofDocumentLocation: 'Se anexa documento.',
      observations: 'Avance al 60 %',
    });
    expect(now.promedioText).toBe('30.00%');
    await coord.post(`/api/v1/avances/${sy.id}/approve`, { version: resubmitted.version }).expect(200);
    now = await asmOf(asm.id);
    expect(now.actions.map((a) => a.percent)).toEqual([60, 35]);
    expect(now.promedioText).toBe('47.50%');

    // The history of the returned avance stays readable.
    const history = (await consulta.get(`/api/v1/avances/${sy.id}`).expect(200)).body.history.map((h: { event: string }) => h.event);
    expect(history).toEqual(['creado', 'evidencia_agregada', 'enviado', 'devuelto', 'editado', 'evidencia_agregada', 'enviado', 'aprobado']);

    // Notices waiting in the outbox, written with each change.
    expect((await outbox()).map((e) => e.event_type)).toEqual([
      'corte.abierto',
      'avance.enviado',
      'avance.enviado',
      'avance.devuelto',
      'avance.enviado',
      'avance.aprobado',
      'avance.aprobado',
    ]);

    // Close: the snapshot holds the approved values, frozen.
    const closed = (await evaluacion.post(`/api/v1/cortes/${corte.id}/close`, { version: corte.version }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'cerrado', snapshotRows: 2 });
    const snap = (await consulta.get(`/api/v1/cortes/${corte.id}/snapshot`).expect(200)).body.items;
    expect(snap).toEqual([
      expect.objectContaining({
        asmId: asm.id,
        percent: 60,
        promedio: '47.50',
        monthYear: 'Marzo-2030',
        responsibleAreas: 'Coordinación de Finanzas',
        dueDate: '2030-09-30',
        proofDocumentName: 'Programa de trabajo',
      }),
      expect.objectContaining({
        asmId: asm.id,
        percent: 35,
        promedio: '47.50',
        responsibleAreas: 'Coordinación de Acción Comunitaria',
        observations: 'Se anexa oficio',
      }),
    ]);
    // Snapshots cannot be changed by the application's role.
    await expect(t.db.query(`UPDATE corte_snapshot_rows SET percent = 99 WHERE corte_id = $1`, [corte.id])).rejects.toThrow(/solo anexado/);
    // No more reports on a closed cut.
    await respX.post(`/api/v1/actions/${a1.id}/avances`, { percent: 70 }).expect(409);
  });

  it('keeps an ASM that reached 100 % in the cut where it did, and drops it from later cuts', async () => {
    const asm = await registerAsm('Actualizar el diagnóstico');
    const [a1, a2] = asm.actions;
    // Cut two: both actions reach 100 %.
    const second = await openCorte(2030, 9);
    const s1 = await report(respX, a1.id, 100, { content: pdf(), name: 'final.pdf' });
    const s2 = await report(respY, a2.id, 100, { content: pdf(), name: 'final2.pdf' });
    await coord.post(`/api/v1/avances/${s1.id}/approve`, { version: s1.version }).expect(200);
    expect((await asmOf(asm.id)).status).toBe('en_proceso');
    await coord.post(`/api/v1/avances/${s2.id}/approve`, { version: s2.version }).expect(200);
    const concluded = await asmOf(asm.id);
    expect(concluded).toMatchObject({ status: 'concluido', promedioText: '100.00%' });
    const secondClosed = (await evaluacion.post(`/api/v1/cortes/${second.id}/close`, { version: second.version }).expect(200)).body;
    const inSecond = (await consulta.get(`/api/v1/cortes/${second.id}/snapshot?pageSize=100`).expect(200)).body.items;
    expect(inSecond.filter((r: { asmId: string }) => r.asmId === asm.id).map((r: { percent: number; promedio: string }) => [r.percent, r.promedio])).toEqual([
      [100, '100.00'],
      [100, '100.00'],
    ]);
    expect(secondClosed.snapshotRows).toBe(inSecond.length);
    // Reports on a concluded ASM are refused.
    const third = await openCorte(2031, 3);
    const refused = await respX.post(`/api/v1/actions/${a1.id}/avances`, { percent: 100 }).expect(409);
    expect(refused.body.code).toBe('ASM_NOT_REPORTABLE');
    await evaluacion.post(`/api/v1/cortes/${third.id}/close`, { version: third.version }).expect(200);
    const inThird = (await consulta.get(`/api/v1/cortes/${third.id}/snapshot?pageSize=100`).expect(200)).body.items;
    expect(inThird.some((r: { asmId: string }) => r.asmId === asm.id)).toBe(false);
    // The first test's ASM, still below 100 %, is vigente in the third cut.
    expect(inThird.length).toBeGreaterThan(0);
  });

  describe('rules of an avance', () => {
    let asm: AsmBody;
    let corte: { id: string; version: number };

    beforeAll(async () => {
      asm = await registerAsm('Reglas del avance');
      corte = await openCorte(2032, 3);
    });

    afterAll(async () => {
      const c = (await evaluacion.get(`/api/v1/cortes/${corte.id}`).expect(200)).body;
      await evaluacion.post(`/api/v1/cortes/${corte.id}/close`, { version: c.version, force: true }).expect(200);
    });

    it('needs evidence for 100 % and a justification for a decrease', async () => {
      const [a1] = asm.actions;
      const av = (await respX.post(`/api/v1/actions/${a1.id}/avances`, { percent: 100 }).expect(201)).body;
      const noEvidence = await respX.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(400);
      expect(noEvidence.body.message).toBe('Para reportar 100 % adjunta al menos un archivo de evidencia (documento probatorio) y vuelve a enviar.');
      // A second avance for the same action in the same cut is refused while this one is open.
      expect((await respX.post(`/api/v1/actions/${a1.id}/avances`, { percent: 10 }).expect(409)).body.code).toBe('AVANCE_ALREADY_OPEN');
      await respX.upload(`/api/v1/avances/${av.id}/evidence`, pdf(), 'soporte.pdf').expect(201);
      const sent = (await respX.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
      const back = (await coord.post(`/api/v1/avances/${sent.id}/return`, { version: sent.version, reason: 'Aún no concluye' }).expect(200)).body;
      // Approve a 50 % first, then a decrease to 40 % needs a reason.
      const fifty = (await respX.patch(`/api/v1/avances/${av.id}`, { version: back.version, percent: 50 }).expect(200)).body;
      const resent = (await respX.post(`/api/v1/avances/${av.id}/submit`, { version: fifty.version }).expect(200)).body;
      await coord.post(`/api/v1/avances/${av.id}/approve`, { version: resent.version }).expect(200);
      const lower = (await respX.post(`/api/v1/actions/${a1.id}/avances`, { percent: 40 }).expect(201)).body;
      const noReason = await respX.post(`/api/v1/avances/${lower.id}/submit`, { version: lower.version }).expect(400);
      expect(noReason.body.details).toEqual([{ field: 'decreaseJustification', message: 'El avance baja de 50 % a 40 %: explica por qué.' }]);
      const justified = (
        await respX.patch(`/api/v1/avances/${lower.id}`, { version: lower.version, decreaseJustification: 'Se recalculó la meta' }).expect(200)
      ).body;
      await respX.post(`/api/v1/avances/${lower.id}/submit`, { version: justified.version }).expect(200);
    });

    it('refuses reports by another area and reviews by a responsible area, writing nothing', async () => {
      const [, a2] = asm.actions;
      const before = await t.db.query(`SELECT count(*)::int AS n FROM avances`);
      await respX.post(`/api/v1/actions/${a2.id}/avances`, { percent: 10 }).expect(403);
      const av = (await respY.post(`/api/v1/actions/${a2.id}/avances`, { percent: 10 }).expect(201)).body;
      const sent = (await respY.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
      await respY.post(`/api/v1/avances/${av.id}/approve`, { version: sent.version }).expect(403);
      const otherCoord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [areas.x] }));
      await otherCoord.post(`/api/v1/avances/${av.id}/approve`, { version: sent.version }).expect(403);
      const after = await t.db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'aprobado')::int AS ok FROM avances WHERE id = $1`, [av.id]);
      expect(after.rows[0]).toEqual({ n: 1, ok: 0 });
      expect((await t.db.query(`SELECT count(*)::int AS n FROM avances`)).rows[0].n).toBe(before.rows[0].n + 1);
    });

    it('refuses a report on a cancelled ASM', async () => {
      const other = await registerAsm('Se cancelará');
      await coord.post(`/api/v1/asms/${other.id}/cancel`, { version: other.version, reason: 'Fusionado' }).expect(200);
      const res = await respX.post(`/api/v1/actions/${other.actions[0].id}/avances`, { percent: 10 }).expect(409);
      expect(res.body.message).toBe('No se puede reportar avance: el ASM está cancelado.');
    });
  });

  describe('prórrogas', () => {
    it('moves the fecha de término on approval and keeps the original; rejection needs a reason', async () => {
      const asm = await registerAsm('Con prórroga');
      const [a1, a2] = asm.actions;
      const early = await respX.post(`/api/v1/actions/${a1.id}/prorrogas`, { requestedDueDate: '2030-01-31', justification: 'x' }).expect(400);
      expect(early.body.details[0].message).toBe('La nueva fecha debe ser posterior a la fecha de término vigente (30/09/2030).');
      const p = (await respX.post(`/api/v1/actions/${a1.id}/prorrogas`, { requestedDueDate: '2031-03-31', justification: 'Cambio de prioridades' }).expect(201))
        .body;
      expect(p).toMatchObject({ status: 'solicitada', previousDueDate: '2030-09-30', originalDueDate: '2030-09-30' });
      expect((await respX.post(`/api/v1/actions/${a1.id}/prorrogas`, { requestedDueDate: '2031-04-30', justification: 'Otra' }).expect(409)).body.code).toBe(
        'PRORROGA_PENDING',
      );
      await respX.post(`/api/v1/prorrogas/${p.id}/approve`, { version: p.version }).expect(403);
      const ok = (await coord.post(`/api/v1/prorrogas/${p.id}/approve`, { version: p.version }).expect(200)).body;
      expect(ok.status).toBe('aprobada');
      const action = (await respX.get(`/api/v1/actions/${a1.id}`).expect(200)).body;
      expect(action).toMatchObject({ dueDate: '2031-03-31', originalDueDate: '2030-09-30' });
      // A direct edit of a committed fecha de término is refused: that is what prórrogas are for.
      expect((await coord.patch(`/api/v1/actions/${a1.id}`, { version: action.version, dueDate: '2032-01-01' }).expect(409)).body.code).toBe(
        'ACTION_DUE_DATE_LOCKED',
      );

      const q = (await respY.post(`/api/v1/actions/${a2.id}/prorrogas`, { requestedDueDate: '2031-06-30', justification: 'Falta presupuesto' }).expect(201))
        .body;
      await coord.post(`/api/v1/prorrogas/${q.id}/reject`, { version: q.version }).expect(400);
      const rejected = (await coord.post(`/api/v1/prorrogas/${q.id}/reject`, { version: q.version, reason: 'La meta se mantiene' }).expect(200)).body;
      expect(rejected).toMatchObject({ status: 'rechazada', decisionReason: 'La meta se mantiene' });
      expect((await respY.get(`/api/v1/actions/${a2.id}`).expect(200)).body.dueDate).toBe('2030-12-31');
      const events = (await outbox()).map((e) => e.event_type);
      expect(events.filter((e) => e.startsWith('prorroga.'))).toEqual([
        'prorroga.solicitada',
        'prorroga.aprobada',
        'prorroga.solicitada',
        'prorroga.rechazada',
      ]);
    });

    it('uses the current date for overdue status', async () => {
      const asm = await registerAsm('Vencida y prorrogada');
      const [a1] = asm.actions;
      await t.db.query(`UPDATE actions SET due_date = '2020-01-31', original_due_date = '2020-01-31' WHERE id = $1`, [a1.id]);
      expect((await respX.get(`/api/v1/actions/${a1.id}`).expect(200)).body.overdue).toBe(true);
      const p = (await respX.post(`/api/v1/actions/${a1.id}/prorrogas`, { requestedDueDate: '2099-12-31', justification: 'Reprogramación' }).expect(201)).body;
      await coord.post(`/api/v1/prorrogas/${p.id}/approve`, { version: p.version }).expect(200);
      const after = (await respX.get(`/api/v1/actions/${a1.id}`).expect(200)).body;
      expect(after).toMatchObject({ overdue: false, dueDate: '2099-12-31', originalDueDate: '2020-01-31' });
    });
  });

  describe('cuts', () => {
    it('computes the submission deadline in business days and allows one open cut at a time', async () => {
      // A January cut in 2026, earlier than this file's closed cuts: taken by another institution, whose order is its own,
      // with January among the setting's months.
      const institutionId = (await admin.post('/api/v1/institutions', { acronym: 'PLAZOS', name: 'Institución de plazos' }).expect(201)).body.id;
      const ev = await t.as(await t.user({ roles: ['evaluacion'], institutionId }));
      await admin.put('/api/v1/settings/cortes.meses', { value: [1, 3, 9] }).expect(200);
      // 2026-01-30 is a Friday; 10 business days skip two weekends and Monday 2 February (Constitución).
      const c = (await ev.post('/api/v1/cortes', { year: 2026, month: 1, cutoffDate: '2026-01-30' }).expect(201)).body;
      expect(c).toMatchObject({ label: 'Enero-2026', submissionDeadline: '2026-02-16', status: 'programado' });
      const sep = (await ev.post('/api/v1/cortes', { year: 2025, month: 9 }).expect(201)).body;
      // 30 Sep 2025 + 10 business days (no federal rest day in between) = 14 Oct 2025
      expect(sep.submissionDeadline).toBe('2025-10-14');
      await ev.post('/api/v1/cortes', { year: 2026, month: 1 }).expect(409);
      await ev.post('/api/v1/cortes', { year: 2026, month: 2, cutoffDate: '2026-03-01' }).expect(400);
      await coord.post('/api/v1/cortes', { year: 2026, month: 3 }).expect(403);
      const opened = (await ev.post(`/api/v1/cortes/${c.id}/open`, { version: c.version }).expect(200)).body;
      const second = await ev.post(`/api/v1/cortes/${sep.id}/open`, { version: sep.version }).expect(409);
      expect(second.body.code).toBe('CORTE_ALREADY_OPEN');
      expect(second.body.message).toBe('Ya está abierto el corte Enero-2026; ciérralo antes de abrir otro.');
      await ev.post(`/api/v1/cortes/${c.id}/close`, { version: opened.version }).expect(200);
      await admin.put('/api/v1/settings/cortes.meses', { value: [3, 9] }).expect(200);
    });

    it('refuses to close with submitted avances pending review unless forced', async () => {
      const asm = await registerAsm('Pendiente al cierre');
      const corte = await openCorte(2033, 3);
      await report(respX, asm.actions[0].id, 20);
      const refused = await evaluacion.post(`/api/v1/cortes/${corte.id}/close`, { version: corte.version }).expect(409);
      expect(refused.body.code).toBe('CORTE_HAS_PENDING_REVIEWS');
      expect((await evaluacion.get(`/api/v1/cortes/${corte.id}`).expect(200)).body.status).toBe('abierto');
      const closed = (await evaluacion.post(`/api/v1/cortes/${corte.id}/close`, { version: corte.version, force: true }).expect(200)).body;
      expect(closed).toMatchObject({ status: 'cerrado', pendingAvancesLeftOut: 1 });
      // The pending avance can no longer be approved: it was left out of the cut.
      const [pending] = (await coord.get(`/api/v1/avances?status=enviado&corteId=${corte.id}`).expect(200)).body.items;
      expect((await coord.post(`/api/v1/avances/${pending.id}/approve`, { version: pending.version }).expect(409)).body.code).toBe('CORTE_CLOSED');
    });
  });
});
