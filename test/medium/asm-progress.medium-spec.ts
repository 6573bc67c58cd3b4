import { DataSource } from 'typeorm';
import { AsmService } from '../../src/modules/asm/asm.service';
import type { CreateActionDto } from '../../src/modules/asm/dto/action.dto';
import { formatPromedio, promedioHundredths, promedioSql } from '../../src/modules/asm/promedio';
import type { Actor } from '../../src/modules/identity/actor';
import { AvanceHistory } from '../../src/modules/progress/avance-history';
import { AvancesService } from '../../src/modules/progress/avances.service';
import { createServiceContext, ServiceContext } from '../support/services';

/**
 * The rules of the asm module under the progress workflow, called on the services
 * (no HTTP, no tokens) with actors built here, and checked in the database:
 * the status machine under approval, the conclusion at 100 % with its cut,
 * the promedio (SQL = TypeScript on stored actions with weights), and the
 * evidence module's way into an avance's history.
 */
describe('ASM status and promedio under approved progress (medium)', () => {
  let s: ServiceContext;
  let asmService: AsmService;
  let avances: AvancesService;
  let coordinator: Actor;
  let responsible: Actor;
  let programId: string;
  let cycleId: string;
  let corteId: string;
  let responsibleAreaId: string;
  let coordinatingAreaId: string;

  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await s.db.query(sql, params)).rows[0] as T;

  async function user(email: string, role: 'coordinador' | 'responsable', areaId: string, institutionId: string): Promise<Actor> {
    const { id } = await one<{ id: string }>(`INSERT INTO users (email, full_name, roles, institution_id) VALUES ($1, $1, $2, $3) RETURNING id`, [
      email,
      [role],
      institutionId,
    ]);
    await s.db.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2)`, [id, areaId]);
    return { id, email, roles: [role], areaIds: [areaId], institutionId };
  }

  const action = (extra: Partial<CreateActionDto> = {}): CreateActionDto => ({
    description: 'Actualizar las reglas de operación',
    responsibleAreaIds: [responsibleAreaId],
    dueDate: '2031-06-30',
    expectedResults: 'Reglas publicadas',
    products: 'Oficio de publicación',
    ...extra,
  });

  const createAsm = (actions: CreateActionDto[]) =>
    asmService.create(
      { programId, cycleId, text: 'Fortalecer la matriz de indicadores', classification: 'especifico', coordinatingAreaId, actions },
      coordinator,
    );

  /** A committed ASM with these actions, as the database holds it. */
  async function committedAsm(actions: CreateActionDto[]): Promise<{ id: string; actionIds: string[] }> {
    const created = await createAsm(actions);
    await asmService.commit(created.id, created.version, coordinator);
    return { id: created.id, actionIds: created.actions.map((a) => a.id) };
  }

  /** Draft, (evidence at 100 %), submit and approve an avance of the action in the open cut. */
  async function approvedAvance(actionId: string, percent: number): Promise<void> {
    const draft = await avances.create(actionId, { percent, observations: `Avance al ${percent} %` }, responsible);
    if (percent === 100) {
      await s.db.query(
        `INSERT INTO evidence_files (sha256, size_bytes, mime_type, display_name, storage_backend, storage_key, action_id, avance_id)
         VALUES (repeat('a', 64), 10, 'application/pdf', 'oficio.pdf', 'disk', $3, $1, $2)`,
        [actionId, draft.id, `medium/${draft.id}`],
      );
    }
    const sent = await avances.submit(draft.id, draft.version, responsible);
    await avances.approve(sent.id, sent.version, coordinator);
  }

  const asmRow = (id: string) =>
    one<{ status: string; concludedAt: Date | null; concludedCorteId: string | null; version: number }>(
      `SELECT status, concluded_at AS "concludedAt", concluded_corte_id AS "concludedCorteId", version FROM asms WHERE id = $1`,
      [id],
    );

  beforeAll(async () => {
    s = await createServiceContext();
    asmService = s.get(AsmService);
    avances = s.get(AvancesService);
    const { institutionId } = await one<{ institutionId: string }>(`SELECT id AS "institutionId" FROM institutions WHERE is_default`);
    await s.db.query(`INSERT INTO ramos (code, name) VALUES ('12', 'Salud') ON CONFLICT DO NOTHING`);
    ({ programId } = await one<{ programId: string }>(
      `INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '12', 'E', '901', 'Programa medio') RETURNING id AS "programId"`,
      [institutionId],
    ));
    ({ cycleId } = await one<{ cycleId: string }>(`INSERT INTO cycles (label, start_year) VALUES ('2030-2031', 2030) RETURNING id AS "cycleId"`));
    const area = async (name: string) =>
      (await one<{ id: string }>(`INSERT INTO areas (name, name_key, institution_id) VALUES ($1, lower($1), $2) RETURNING id`, [name, institutionId])).id;
    coordinatingAreaId = await area('Coordinación de pruebas medias');
    responsibleAreaId = await area('Área responsable de pruebas medias');
    coordinator = await user('coordina.medio@example.mx', 'coordinador', coordinatingAreaId, institutionId);
    responsible = await user('responde.medio@example.mx', 'responsable', responsibleAreaId, institutionId);
    ({ corteId } = await one<{ corteId: string }>(
      `INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status, opened_at, institution_id)
       VALUES (2031, 3, '2031-03-31', '2031-04-15', 'abierto', now(), $1) RETURNING id AS "corteId"`,
      [institutionId],
    ));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('moves a committed ASM to en_proceso on its first approved avance, with the action taking the avance values', async () => {
    const asm = await committedAsm([action(), action({ description: 'Difundir las reglas' })]);
    expect((await asmRow(asm.id)).status).toBe('comprometido');

    await approvedAvance(asm.actionIds[0], 40);

    const after = await asmRow(asm.id);
    expect(after).toMatchObject({ status: 'en_proceso', concludedAt: null, concludedCorteId: null });
    const actions = (await s.db.query(`SELECT id, percent, observations FROM actions WHERE asm_id = $1 ORDER BY position`, [asm.id])).rows as {
      id: string;
      percent: number;
      observations: string | null;
    }[];
    expect(actions.map((a) => [a.percent, a.observations])).toEqual([
      [40, 'Avance al 40 %'],
      [0, null],
    ]);
    const events = await one<{ n: number }>(`SELECT count(*)::int AS n FROM avance_events e JOIN avances v ON v.id = e.avance_id WHERE v.action_id = $1`, [
      asm.actionIds[0],
    ]);
    expect(events.n).toBe(3); // creado, enviado, aprobado
  });

  it('concludes the ASM, in the cut of the approval, when its last action reaches 100 %', async () => {
    const asm = await committedAsm([action(), action({ description: 'Evaluar la difusión' })]);

    await approvedAvance(asm.actionIds[0], 100);
    expect(await asmRow(asm.id)).toMatchObject({ status: 'en_proceso', concludedCorteId: null });

    await approvedAvance(asm.actionIds[1], 100);
    const concluded = await asmRow(asm.id);
    expect(concluded.status).toBe('concluido');
    expect(concluded.concludedCorteId).toBe(corteId);
    expect(concluded.concludedAt).toBeInstanceOf(Date);
    // A concluded ASM takes no more reports.
    await expect(avances.create(asm.actionIds[0], { percent: 100 }, responsible)).rejects.toMatchObject({ code: 'ASM_NOT_REPORTABLE' });
  });

  it('computes the same promedio in SQL and in TypeScript for stored actions with and without weights', async () => {
    // Cases where a rounding could slip (thirds, sevenths, weights with cents), then a deterministic spread.
    const sets: { percent: number; weight: number | null }[][] = [
      [
        { percent: 100, weight: null },
        { percent: 0, weight: null },
        { percent: 0, weight: null },
      ],
      [
        { percent: 100, weight: null },
        { percent: 100, weight: null },
        { percent: 0, weight: null },
      ],
      [
        { percent: 1, weight: 0.07 },
        { percent: 0, weight: 0.01 },
      ],
      [
        { percent: 5, weight: 0.03 },
        { percent: 6, weight: 0.05 },
        { percent: 99, weight: 9999.99 },
      ],
      [
        { percent: 33, weight: 1.5 },
        { percent: 67, weight: 2.25 },
        { percent: 50, weight: null },
      ],
      [{ percent: 0, weight: null }],
    ];
    let seed = 13;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 30; i++) {
      sets.push(Array.from({ length: 1 + next(7) }, () => ({ percent: next(101), weight: next(3) === 0 ? null : (1 + next(100000)) / 100 })));
    }
    const ids: string[] = [];
    for (const set of sets) ids.push((await createAsm(set.map((a) => action({ percent: a.percent, weight: a.weight })))).id);

    const sql = (
      await s.db.query(
        `SELECT x.asm_id AS id, ${promedioSql('x.percent', 'x.weight')}::text AS promedio FROM actions x WHERE x.asm_id = ANY($1::uuid[]) GROUP BY x.asm_id`,
        [ids],
      )
    ).rows as { id: string; promedio: string }[];
    const bySql = new Map(sql.map((r) => [r.id, `${r.promedio}%`]));
    const stored = (await s.db.query(`SELECT asm_id AS id, percent, weight::float8 AS weight FROM actions WHERE asm_id = ANY($1::uuid[])`, [ids])).rows as {
      id: string;
      percent: number;
      weight: number | null;
    }[];
    for (const [i, id] of ids.entries()) {
      const ts = formatPromedio(promedioHundredths(stored.filter((a) => a.id === id)));
      expect({ set: sets[i], promedio: bySql.get(id) }).toEqual({ set: sets[i], promedio: ts });
      // What the API shows is the TypeScript promedio of the same actions.
      expect((await asmService.get(id, coordinator)).promedioText).toBe(ts);
    }
  });

  it("writes the evidence module's events into the avance's history through AvanceHistory", async () => {
    const asm = await committedAsm([action()]);
    const draft = await avances.create(asm.actionIds[0], { percent: 10 }, responsible);

    await s
      .get(AvanceHistory)
      .evidenceEvent(s.get(DataSource), { avanceId: draft.id, actorId: responsible.id, event: 'evidencia_agregada', note: 'oficio.pdf' });

    const rows = (await s.db.query(`SELECT event, actor_id AS "actorId", note FROM avance_events WHERE avance_id = $1 ORDER BY id`, [draft.id])).rows;
    expect(rows).toEqual([
      { event: 'creado', actorId: responsible.id, note: null },
      { event: 'evidencia_agregada', actorId: responsible.id, note: 'oficio.pdf' },
    ]);
  });
});
