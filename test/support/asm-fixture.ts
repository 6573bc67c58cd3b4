import type { Pool } from 'pg';

/*
 * The smallest catalog an ASM needs, written straight to the test database: the set-up the
 * reminder and worker tests share.
 */

type Rows = (sql: string, params?: unknown[]) => Promise<{ id: string }[]>;

function rowsOf(db: Pool): Rows {
  return (sql, params = []) => db.query<{ id: string }>(sql, params).then((r) => r.rows);
}

/** The two areas of an ASM: 'Coordinadora' (coordinates it) and 'Responsable' (carries out its actions). */
export async function seedAreas(db: Pool): Promise<{ coordinating: string; responsible: string }> {
  const q = rowsOf(db);
  const [ca] = await q(`INSERT INTO areas (name, name_key) VALUES ('Coordinadora', 'coordinadora') RETURNING id`);
  const [ra] = await q(`INSERT INTO areas (name, name_key) VALUES ('Responsable', 'responsable') RETURNING id`);
  return { coordinating: ca.id, responsible: ra.id };
}

/**
 * Ramo 19, program S038 of IMSS (a new institution, or the default one renamed IMSS when
 * `defaultInstitution`: the users' own), cycle 2026-2027, and one institutional ASM of it
 * coordinated by `coordinatingAreaId`, in `status`. Returns the ASM's id.
 */
export async function seedAsm(db: Pool, coordinatingAreaId: string, o: { status?: string; defaultInstitution?: boolean } = {}): Promise<string> {
  const q = rowsOf(db);
  await q(`INSERT INTO ramos (code, name) VALUES ('19', 'R')`);
  const [inst] = o.defaultInstitution
    ? await q(`UPDATE institutions SET acronym = 'IMSS', name = 'IMSS' WHERE is_default RETURNING id`)
    : await q(`INSERT INTO institutions (acronym, name) VALUES ('IMSS', 'IMSS') RETURNING id`);
  const [p] = await q(`INSERT INTO programs (institution_id, ramo_code, modality, code, name) VALUES ($1, '19', 'S', '038', 'P') RETURNING id`, [inst.id]);
  const [cy] = await q(`INSERT INTO cycles (label, start_year) VALUES ('2026-2027', 2026) RETURNING id`);
  const [asm] = await q(
    `INSERT INTO asms (program_id, cycle_id, text, classification, coordinating_area_id, status) VALUES ($1, $2, 'ASM', 'institucional', $3, $4) RETURNING id`,
    [p.id, cy.id, coordinatingAreaId, o.status ?? 'en_proceso'],
  );
  return asm.id;
}

/** An action of ASM `asmId` (expected results 'R', products 'P', due on `due`) whose first responsible area is `areaId`. Returns its id. */
export async function seedAction(
  db: Pool,
  asmId: string,
  areaId: string,
  a: { position: number; description: string; due: string; percent?: number },
): Promise<string> {
  const q = rowsOf(db);
  const [x] = await q(
    `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent) VALUES ($1, $2, $3, $4, $4, 'R', 'P', $5) RETURNING id`,
    [asmId, a.position, a.description, a.due, a.percent ?? 0],
  );
  await q(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 1)`, [x.id, areaId]);
  return x.id;
}
