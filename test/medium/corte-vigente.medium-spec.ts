import { SYSTEM_ACTOR } from '../../src/modules/identity/actor';
import { CortesService } from '../../src/modules/reporting/cortes.service';
import { SnapshotService } from '../../src/modules/reporting/snapshot.service';
import { createServiceContext, ServiceContext } from '../support/services';

/**
 * Which ASMs a cut reports (the vigente rule, docs/decisions/0009): every committed ASM below 100 %, and those that
 * reached 100 % in this cut; an ASM concluded in an earlier cut, or cancelled, drops out. Called on the services, as
 * the system actor, on a fresh database.
 */
describe('vigente and drop-out at a cut (services, no HTTP)', () => {
  let s: ServiceContext;
  let cortes: CortesService;
  let programId: string;
  let cycleId: string;
  let n = 0;

  /** An ASM of the program with one action per percent given. */
  async function asm(status: string, percents: number[], extra: { concludedCorteId?: string; reason?: string } = {}): Promise<string> {
    n += 1;
    const { rows } = await s.db.query<{ id: string }>(
      `INSERT INTO asms (program_id, cycle_id, text, classification, status, status_reason, concluded_corte_id, concluded_at)
       VALUES ($1, $2, $3, 'institucional', $4, $5, $6, CASE WHEN $4 = 'concluido' THEN now() END) RETURNING id`,
      [programId, cycleId, `ASM ${n} (${status})`, status, extra.reason ?? null, extra.concludedCorteId ?? null],
    );
    for (const [i, percent] of percents.entries()) {
      await s.db.query(`INSERT INTO actions (asm_id, position, description, percent) VALUES ($1, $2, $3, $4)`, [
        rows[0].id,
        i + 1,
        `Acción ${n}.${i + 1}`,
        percent,
      ]);
    }
    return rows[0].id;
  }

  async function openCut(year: number, month: number): Promise<{ id: string; version: number }> {
    const created = await cortes.create({ year, month }, SYSTEM_ACTOR);
    return cortes.open(created.id, created.version, SYSTEM_ACTOR);
  }

  /** The ASMs in a closed cut's snapshot (one row per action), read through the snapshot service. */
  async function reported(corteId: string): Promise<Map<string, number>> {
    const page = await s.get(SnapshotService).rows(corteId, { page: 1, pageSize: 100 }, SYSTEM_ACTOR);
    const byAsm = new Map<string, number>();
    for (const row of page.items) byAsm.set(row.asmId, (byAsm.get(row.asmId) ?? 0) + 1);
    return byAsm;
  }

  beforeAll(async () => {
    s = await createServiceContext();
    cortes = s.get(CortesService);
    await s.db.query(`INSERT INTO ramos (code, name) VALUES ('19', 'Aportaciones a Seguridad Social') ON CONFLICT DO NOTHING`);
    programId = (
      await s.db.query<{ id: string }>(
        `INSERT INTO programs (institution_id, ramo_code, modality, code, name) SELECT id, '19', 'S', '038', 'Programa de prueba' FROM institutions WHERE is_default RETURNING id`,
      )
    ).rows[0].id;
    cycleId = (await s.db.query<{ id: string }>(`INSERT INTO cycles (label, start_year) VALUES ('2029-2030', 2029) RETURNING id`)).rows[0].id;
  }, 120_000);

  afterAll(async () => {
    await s?.close();
  });

  it('reports the ASMs below 100 % and those concluded in the cut; not those concluded before, cancelled or in draft', async () => {
    const earlier = await openCut(2030, 3);
    await cortes.close(earlier.id, { version: earlier.version }, SYSTEM_ACTOR);
    const cut = await openCut(2030, 9);

    const inProgress = await asm('en_proceso', [40, 60]);
    const committed = await asm('comprometido', [0]);
    const concludedNow = await asm('concluido', [100, 100], { concludedCorteId: cut.id });
    const concludedBefore = await asm('concluido', [100], { concludedCorteId: earlier.id });
    const cancelled = await asm('cancelado', [30], { reason: 'Cancelado: el programa dejó de operar.' });
    const draft = await asm('borrador', [10]);

    const closed = await cortes.close(cut.id, { version: cut.version }, SYSTEM_ACTOR);
    const rows = await reported(cut.id);
    expect(rows.get(inProgress)).toBe(2);
    expect(rows.get(committed)).toBe(1);
    expect(rows.get(concludedNow)).toBe(2);
    for (const out of [concludedBefore, cancelled, draft]) expect(rows.has(out)).toBe(false);
    expect(closed.snapshotRows).toBe(5);
  });

  it('an ASM that reached 100 % in one cut drops out of the next; one still below 100 % stays', async () => {
    const before = await s.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM asms WHERE text LIKE 'ASM % (concluido)' OR text LIKE 'ASM % (en_proceso)'`,
    );
    const next = await openCut(2031, 3);
    await cortes.close(next.id, { version: next.version }, SYSTEM_ACTOR);
    const rows = await reported(next.id);
    for (const a of before.rows)
      expect({ asm: a.id, status: a.status, reported: rows.has(a.id) }).toEqual({ asm: a.id, status: a.status, reported: a.status === 'en_proceso' });
  });

  it('an ASM of 100 % still in progress (not concluded) is not vigente', async () => {
    const full = await asm('en_proceso', [100]);
    const cut = await openCut(2031, 9);
    await cortes.close(cut.id, { version: cut.version }, SYSTEM_ACTOR);
    expect((await reported(cut.id)).has(full)).toBe(false);
  });
});
