import { Pool } from 'pg';
import { appForTests, Client } from './support/app';
import { auditVerify } from './support/audit';
import { Factory } from './support/factories';

interface Event {
  seq: number;
  actor_id: string | null;
  actor_roles: string[];
  request_id: string | null;
  entity: string;
  entity_id: string;
  operation: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('audit trail (bitácora)', () => {
  const t = appForTests();
  let c: Client;
  let f: Factory;
  let userId: string;

  beforeAll(async () => {
    const u = await t.user({ roles: ['administrador', 'coordinador', 'evaluacion'] });
    userId = u.id;
    c = await t.as(u);
    f = Factory.joining(c, t.db, u.id);
  });

  async function eventsOf(requestId: string): Promise<Event[]> {
    const { rows } = await t.db.query<Event>(`SELECT * FROM audit_events WHERE request_id = $1 ORDER BY seq`, [requestId]);
    return rows;
  }

  it('writes one event per change, with who, the request and the before/after of the changed fields', async () => {
    const created = await c.post('/api/v1/areas', { name: 'Coordinación Auditada' }).expect(201);
    const onCreate = await eventsOf(created.headers['x-request-id']);
    expect(onCreate).toHaveLength(1);
    expect(onCreate[0]).toMatchObject({
      actor_id: userId,
      actor_roles: ['administrador', 'coordinador', 'evaluacion'],
      entity: 'areas',
      entity_id: created.body.id,
      operation: 'insert',
      before: null,
    });
    expect(onCreate[0].after).toMatchObject({ name: 'Coordinación Auditada', acronym: null, version: 1 });

    const patched = await c.patch(`/api/v1/areas/${created.body.id}`, { version: 1, acronym: 'CA' }).expect(200);
    const onPatch = await eventsOf(patched.headers['x-request-id']);
    expect(onPatch).toHaveLength(1);
    expect(onPatch[0]).toMatchObject({ operation: 'update', before: { acronym: null, version: 1 }, after: { acronym: 'CA', version: 2 } });
  });

  it('records an ASM with its actions, its edits and its transitions', async () => {
    const p = await f.program();
    const cy = await f.cycle('2019-2020');
    const coord = await f.area();
    const resp = await f.area();
    const asm = await c
      .post('/api/v1/asms', {
        programId: p.id,
        cycleId: cy.id,
        coordinatingAreaId: coord.id,
        text: 'Texto auditado',
        classification: 'institucional',
        actions: [f.action([resp.id]), f.action([resp.id, coord.id])],
      })
      .expect(201);
    const onCreate = await eventsOf(asm.headers['x-request-id']);
    expect(onCreate.map((e) => `${e.entity}:${e.operation}`).sort()).toEqual([
      'action_areas:insert',
      'action_areas:insert',
      'action_areas:insert',
      'actions:insert',
      'actions:insert',
      'asms:insert',
    ]);

    const edit = await c.patch(`/api/v1/asms/${asm.body.id}`, { version: 1, text: 'Texto corregido' }).expect(200);
    const onEdit = await eventsOf(edit.headers['x-request-id']);
    expect(onEdit).toHaveLength(1);
    expect(onEdit[0]).toMatchObject({ entity: 'asms', before: { text: 'Texto auditado', version: 1 }, after: { text: 'Texto corregido', version: 2 } });

    const commit = await c.post(`/api/v1/asms/${asm.body.id}/commit`, { version: 2 }).expect(200);
    const onCommit = await eventsOf(commit.headers['x-request-id']);
    const statusEvent = onCommit.find((e) => e.entity === 'asms')!;
    expect(statusEvent.before).toEqual({ status: 'borrador', version: 2 });
    expect(statusEvent.after).toEqual({ status: 'comprometido', version: 3 });
    expect(onCommit.filter((e) => e.entity === 'actions').map((e) => e.after)).toEqual([
      { original_due_date: '2030-12-31' },
      { original_due_date: '2030-12-31' },
    ]);

    const cancel = await c.post(`/api/v1/asms/${asm.body.id}/cancel`, { version: 3, reason: 'Duplicado' }).expect(200);
    const onCancel = await eventsOf(cancel.headers['x-request-id']);
    expect(onCancel).toHaveLength(1);
    expect(onCancel[0].after).toEqual({ status: 'cancelado', status_reason: 'Duplicado', version: 4 });
  });

  it('writes nothing to the bitácora for a refused request', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_events`);
    const res = await c.post('/api/v1/areas', { name: '' }).expect(400);
    expect(await eventsOf(res.headers['x-request-id'])).toEqual([]);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_events`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('never stores password hashes in the bitácora', async () => {
    const res = await c
      .post('/api/v1/users', { email: 'auditada@prueba.gob.mx', fullName: 'Auditada', roles: ['consulta'], password: 'Contraseña-segura-1' })
      .expect(201);
    const [event] = await eventsOf(res.headers['x-request-id']);
    expect(event.after!.password_hash).toBe('[oculto]');
    const all = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE before::text LIKE '%$argon2%' OR after::text LIKE '%$argon2%'`);
    expect(all.rows[0].n).toBe(0);
  });

  it('is append-only for the application role and for everyone through the trigger', async () => {
    const app = new Pool({ connectionString: t.config.get('DATABASE_URL'), max: 1 });
    try {
      for (const sql of [
        `UPDATE audit_events SET operation = 'x'`,
        `DELETE FROM audit_events`,
        `INSERT INTO audit_events (seq) VALUES (999999)`,
        `TRUNCATE audit_events`,
      ]) {
        await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await app.end();
    }
    await expect(t.db.query(`UPDATE audit_events SET operation = 'x' WHERE seq = 1`)).rejects.toThrow(/solo anexado/);
    await expect(t.db.query(`DELETE FROM audit_events WHERE seq = 1`)).rejects.toThrow(/solo anexado/);
  });

  it('lets evaluacion and consulta read and filter the bitácora, and nobody else', async () => {
    const consulta = await t.as(await t.user({ roles: ['consulta'] }));
    const res = await consulta.get(`/api/v1/audit?entity=areas&actorId=${userId}&pageSize=100`).expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const e of res.body.items) expect(e).toMatchObject({ entity: 'areas', actorId: userId });
    const seqs = res.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => b - a));
    const today = new Date().toISOString().slice(0, 10);
    const dated = await consulta.get(`/api/v1/audit?from=2000-01-01&to=2000-12-31`).expect(200);
    expect(dated.body.total).toBe(0);
    const byId = await consulta.get(`/api/v1/audit?entityId=${res.body.items[0].entityId}&from=${today}`).expect(200);
    expect(byId.body.items.every((e: { entityId: string }) => e.entityId === res.body.items[0].entityId)).toBe(true);
    const coordinador = await t.as(await t.user({ roles: ['coordinador', 'responsable'] }));
    const denied = await coordinador.get('/api/v1/audit').expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
  });

  describe('npm run audit:verify', () => {
    const verify = () => auditVerify(t.config.get('DATABASE_URL'));

    it('verifies an untouched chain, then names the first broken link after tampering', async () => {
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_events`);
      const count = rows[0].n as number;
      expect(count).toBeGreaterThan(10);
      const ok = await verify();
      expect(ok.code).toBe(0);
      expect(ok.out).toContain(`Bitácora íntegra: ${count} eventos verificados`);

      // A superuser bypasses the triggers and alters one row, then deletes a later one.
      const { rows: original } = await t.db.query(`SELECT after FROM audit_events WHERE seq = 3`);
      const admin = await t.db.connect();
      try {
        await admin.query(`SET session_replication_role = replica`);
        await admin.query(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"Nombre alterado"') WHERE seq = 3`);
        await admin.query(`DELETE FROM audit_events WHERE seq = 7`);
      } finally {
        await admin.query(`RESET session_replication_role`);
        admin.release();
      }
      const broken = await verify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain('el primer eslabón roto es el 3: su contenido no corresponde a su hash');

      // Put the altered row back as it was: the deletion is still found, at the next link.
      await t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await t.db.query(`UPDATE audit_events SET after = $1 WHERE seq = 3`, [original[0].after]);
      await t.db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      const gap = await verify();
      expect(gap.code).toBe(1);
      expect(gap.out).toContain('el primer eslabón roto es el 8: falta el eslabón 7');
    });
  });
});
