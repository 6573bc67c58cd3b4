import { appForTests, Client } from './support/app';
import { binary, csvFromSnapshotRows } from './support/documents';

/*
 * A closed cut's CSV is formatted by PostgreSQL's COPY (csv-copy.ts) for
 * speed; the same document from rows goes through writeCsv. They must be the
 * same bytes, whatever the texts hold: quotes, commas, line breaks, empty and
 * missing values, accents, a lone "\.".
 */
const TRICKY = ['Texto "entre comillas", con coma', 'Dos\nrenglones', 'Con\r\nCRLF', '', ' espacios al borde ', 'Acción ñ ü ¿¡', '\\.', 'a,b,"c"'];

describe('the CSV of a closed cut', () => {
  const t = appForTests();
  let evaluacion: Client;
  let corteId: string;
  let areaId: string;

  beforeAll(async () => {
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    for (const label of ['2023-2024', '2022-2023', '2021-2022']) await evaluacion.post('/api/v1/cycles', { label }).expect(201);
    const c = (await evaluacion.post('/api/v1/cortes', { year: 2024, month: 3 }).expect(201)).body;
    const opened = (await evaluacion.post(`/api/v1/cortes/${c.id}/open`, { version: c.version }).expect(200)).body;
    await evaluacion.post(`/api/v1/cortes/${c.id}/close`, { version: opened.version, force: true }).expect(200);
    corteId = c.id;
    areaId = (await t.db.query(`INSERT INTO areas (name, name_key) VALUES ('Coordinación A', 'coordinación a') RETURNING id`)).rows[0].id;
    // Rows put in its snapshot directly: two programs in 2023-2024 (one ASM with two actions), none in 2022-2023, one in 2021-2022.
    const programs = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    let order = 0;
    const row = async (
      cycle: string,
      program: number,
      asm: string,
      i: number,
      o: { percent?: number | null; promedio?: string | null; due?: string | null; coordinated?: boolean } = {},
    ) => {
      order += 1;
      const text = (k: number) => TRICKY[(i + k) % TRICKY.length];
      await t.db.query(
        `INSERT INTO corte_snapshot_rows (corte_id, asm_id, cycle_label, cycle_start_year, classification, program_id, program_key, program_name, asm_text, asm_status,
           coordinating_area, action_description, responsible_areas, due_date, expected_results, products, percent, proof_document_name, proof_document_location,
           observations, month_year, promedio, row_order, coordinating_area_id)
         VALUES ($1, $2, $3, $4, 'institucional', $5, $6, $7, $8, 'en_proceso', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'Marzo-2024', $19, $20, $21)`,
        [
          corteId,
          asm,
          cycle,
          Number(cycle.slice(0, 4)),
          programs[program],
          `S-00${program + 1}`,
          `Programa ${TRICKY[program]}`,
          `ASM ${text(1)}`,
          text(2),
          text(3),
          text(4),
          o.due === undefined ? '2024-12-31' : o.due,
          text(5),
          text(6),
          o.percent === undefined ? 50 : o.percent,
          text(7),
          text(0),
          text(1),
          o.promedio === undefined ? '75.50' : o.promedio,
          order,
          o.coordinated ? areaId : null,
        ],
      );
    };
    const asm1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    await row('2023-2024', 0, asm1, 0, { coordinated: true });
    await row('2023-2024', 0, asm1, 1, { percent: null, due: null, coordinated: true });
    await row('2023-2024', 1, 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 2, { promedio: null });
    await row('2023-2024', 0, 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', 3);
    await row('2021-2022', 1, 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', 4, { percent: 100, promedio: '100.00', coordinated: true });
  });

  it('is byte for byte what the row writer gives', async () => {
    const viaCopy = (await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)).expect(200)).body as Buffer;
    const expected = await csvFromSnapshotRows(t.db, corteId, 'avance-institucional');
    expect(viaCopy.toString('utf8')).toEqual(expected.toString('utf8'));
    expect(viaCopy.equals(expected)).toBe(true);
    // And the document is what it should be: the empty cycle has its sentence, fields keep their line breaks, program numbers restart per cycle.
    const text = viaCopy.toString('utf8');
    expect(text).toContain('Periodo 2022-2023\r\n"No se identificaron aspectos susceptibles de mejora vigentes');
    expect(text).toContain('"Dos\nrenglones"');
    expect(text.split('Periodo 2021-2022\r\n')[1].split('\r\n')[1].startsWith('1,"S-002')).toBe(true);
  });

  it('gives a coordinator only the rows of the ASMs its areas coordinate, the same bytes as the row writer', async () => {
    const coordinador = await t.as(await t.user({ roles: ['coordinador'], areaIds: [areaId] }));
    const viaCopy = (await binary(coordinador.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)).expect(200)).body as Buffer;
    const expected = await csvFromSnapshotRows(t.db, corteId, 'avance-institucional', areaId);
    expect(viaCopy.equals(expected)).toBe(true);
    // Its two coordinated ASMs: one with two actions in 2023-2024, one in 2021-2022; the other 2023-2024 ASMs are not its own.
    expect(
      viaCopy
        .toString('utf8')
        .split('\r\n')
        .filter((line) => line.startsWith('1,"S-00')).length,
    ).toBe(3);
    expect(viaCopy.toString('utf8')).not.toContain('\r\n2,');
  });
});
