import { Client, createTestApp, TestApp } from './support/app';
import { committedAsm, Factory, openCut } from './support/factories';

/** R8: concurrent writers never silently overwrite each other. */
describe('concurrent approvals and edits', () => {
  let t: TestApp;
  let coord: Client;
  let resp: Client;
  let f: Factory;
  let ids: { program: string; cycle: string; ca: string; ra: string };

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '20' });
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    f = new Factory(admin);
    const [ca, ra] = [await f.area('Coordinadora'), await f.area('Responsable')];
    ids = { program: (await f.program()).id, cycle: (await f.cycle('2021-2022')).id, ca: ca.id, ra: ra.id };
    coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ca.id] }));
    resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ra.id] }));
    await openCut(t);
  });

  afterAll(async () => {
    await t.close();
  });

  function asmInProcess() {
    return committedAsm(coord, { programId: ids.program, cycleId: ids.cycle, coordinatingAreaId: ids.ca, text: 'Concurrencia', actions: [f.action([ids.ra])] });
  }

  it('applies exactly one of 20 concurrent approvals of one avance; the rest get a conflict', async () => {
    const asm = await asmInProcess();
    const av = (await resp.post(`/api/v1/actions/${asm.actions[0].id}/avances`, { percent: 45 }).expect(201)).body;
    const sent = (await resp.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body;
    const results = await Promise.all(Array.from({ length: 20 }, () => coord.post(`/api/v1/avances/${av.id}/approve`, { version: sent.version })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) expect(['VERSION_CONFLICT', 'AVANCE_STATE_INVALID']).toContain(r.body.code);
    const events = await t.db.query(`SELECT count(*)::int AS n FROM avance_events WHERE avance_id = $1 AND event = 'aprobado'`, [av.id]);
    expect(events.rows[0].n).toBe(1);
    const notices = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE event_type = 'avance.aprobado' AND payload->>'avanceId' = $1`, [av.id]);
    expect(notices.rows[0].n).toBe(1);
    const action = await t.db.query(`SELECT percent, version FROM actions WHERE id = $1`, [asm.actions[0].id]);
    expect(action.rows[0]).toEqual({ percent: 45, version: 2 });
    const audit = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity = 'avances' AND entity_id = $1 AND after->>'status' = 'aprobado'`,
      [av.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('applies exactly one of 20 concurrent edits sent with the same version', async () => {
    const asm = await asmInProcess();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => coord.patch(`/api/v1/asms/${asm.id}`, { version: asm.version, text: `Edición ${i}` })),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT')).toBe(true);
    const row = await t.db.query(`SELECT text, version FROM asms WHERE id = $1`, [asm.id]);
    expect(row.rows[0]).toEqual({ text: winners[0].body.text, version: asm.version + 1 });
  });
});
