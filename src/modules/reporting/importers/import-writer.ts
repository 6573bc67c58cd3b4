import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { format } from 'date-fns/format';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import { EntityManager } from 'typeorm';
import { BusinessCalendarService } from '../../../common/business-calendar';
import { foldText, nameKey, squish } from '../../../common/text';
import { AppConfig } from '../../../config/app-config';
import { ImportAction, ImportAsm, ImportCounts, ImportMatch, zeroCounts } from './import-model';

interface Outcome {
  created: ImportCounts;
  updatedAsms: number;
  unchangedAsms: number;
  matchedRows: ImportMatch[];
  createdRows: number[];
}

const SINCE_ALWAYS = '1900-01-01';

/** Runs `INSERT … SELECT … FROM unnest(arrays) ON CONFLICT DO NOTHING RETURNING 1` and counts the new rows. */
async function insertMany(em: EntityManager, sql: string, columns: unknown[][]): Promise<number> {
  if (columns[0].length === 0) return 0;
  const rows: unknown[] = await em.query(sql, columns);
  return rows.length;
}

/**
 * Writes imported ASMs with bulk statements inside the caller's transaction,
 * idempotently: catalogs are matched by their natural keys, ASMs by the
 * publisher's id or by (program, cycle, classification, text), and a record
 * that already holds the same values is left untouched, so importing the same
 * file twice changes nothing the second time.
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly calendar: BusinessCalendarService,
    private readonly config: AppConfig,
  ) {}

  /** `cycles`: every cycle the file names, with ASMs or not (an empty section is still a configured cycle). */
  async apply(em: EntityManager, asms: ImportAsm[], cycles: string[] = [], progress: (done: number, total: number) => void = () => undefined): Promise<Outcome> {
    const created = zeroCounts();

    // Ramos, institutions, programs.
    const ramos = new Map(asms.map((a) => [a.program.ramoCode, a.program.ramoName]));
    created.ramos = await insertMany(
      em,
      `INSERT INTO ramos (code, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (code) DO NOTHING RETURNING 1`,
      [[...ramos.keys()], [...ramos.values()]],
    );
    const insts = new Map(asms.map((a) => [a.program.institutionAcronym, a.program.institutionName]));
    created.institutions = await insertMany(
      em,
      `INSERT INTO institutions (acronym, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (acronym) DO NOTHING RETURNING 1`,
      [[...insts.keys()], [...insts.values()]],
    );
    const instId = new Map<string, string>(
      (await em.query(`SELECT acronym, id FROM institutions WHERE acronym = ANY($1)`, [[...insts.keys()]])).map((r: { acronym: string; id: string }) => [r.acronym, r.id]),
    );
    const progKey = (p: ImportAsm['program']) => `${p.ramoCode}|${p.modality}|${p.code}`;
    const programs = new Map<string, ImportAsm['program']>();
    for (const a of asms) {
      const k = progKey(a.program);
      const seen = programs.get(k);
      // The latest name reported is the one in force.
      if (!seen || latest(a.program) >= latest(seen)) programs.set(k, a.program);
    }
    const plist = [...programs.values()];
    created.programs = await insertMany(
      em,
      `INSERT INTO programs (institution_id, ramo_code, modality, code, name)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (ramo_code, modality, code) DO NOTHING RETURNING 1`,
      [plist.map((p) => instId.get(p.institutionAcronym)), plist.map((p) => p.ramoCode), plist.map((p) => p.modality), plist.map((p) => p.code), plist.map((p) => p.name)],
    );
    const progId = new Map<string, string>(
      (
        await em.query(
          `SELECT p.ramo_code || '|' || p.modality || '|' || p.code AS k, p.id FROM programs p
             JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(r, m, c) ON p.ramo_code = t.r AND p.modality = t.m AND p.code = t.c`,
          [plist.map((p) => p.ramoCode), plist.map((p) => p.modality), plist.map((p) => p.code)],
        )
      ).map((r: { k: string; id: string }) => [r.k, r.id]),
    );
    // Name history: every name with the first date it was seen (the earliest "since always").
    const history: [string, string, string][] = [];
    for (const a of asms) {
      const names = a.program.names ?? [{ name: a.program.name, since: SINCE_ALWAYS }];
      for (const n of names) history.push([progId.get(progKey(a.program))!, n.name, n.since]);
    }
    const firstSeen = new Map<string, [string, string, string]>();
    for (const h of history.sort((x, y) => x[2].localeCompare(y[2]))) {
      const k = `${h[0]}|${h[1]}`;
      if (!firstSeen.has(k)) firstSeen.set(k, h);
    }
    const earliest = new Map<string, string>();
    for (const [pid, , since] of firstSeen.values()) if (!earliest.has(pid) || since < earliest.get(pid)!) earliest.set(pid, since);
    const names = [...firstSeen.values()].map(([pid, name, since]) => [pid, name, since === earliest.get(pid) ? SINCE_ALWAYS : since]);
    await em.query(
      `INSERT INTO program_names (program_id, name, valid_from)
       SELECT t.p, t.n, t.v FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(p, n, v)
        WHERE NOT EXISTS (SELECT 1 FROM program_names x WHERE x.program_id = t.p AND x.name = t.n)
       ON CONFLICT (program_id, valid_from) DO NOTHING`,
      [names.map((n) => n[0]), names.map((n) => n[1]), names.map((n) => n[2])],
    );

    // Cycles and areas.
    const allCycles = [...new Set([...cycles, ...asms.map((a) => a.cycle)])];
    created.cycles = await insertMany(
      em,
      `INSERT INTO cycles (label, start_year) SELECT l, split_part(l, '-', 1)::int FROM unnest($1::text[]) AS t(l) ON CONFLICT (label) DO NOTHING RETURNING 1`,
      [allCycles],
    );
    const cycleId = new Map<string, string>((await em.query(`SELECT label, id FROM cycles WHERE label = ANY($1)`, [allCycles])).map((r: { label: string; id: string }) => [r.label, r.id]));
    const areaNames = new Map<string, string>();
    for (const a of asms) {
      if (a.coordinatingArea) areaNames.set(nameKey(a.coordinatingArea), canonicalArea(a.coordinatingArea));
      for (const x of a.actions) for (const n of x.responsibleAreas) if (!areaNames.has(nameKey(n))) areaNames.set(nameKey(n), canonicalArea(n));
    }
    created.areas = await insertMany(
      em,
      `INSERT INTO areas (name, name_key) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (name_key) DO NOTHING RETURNING 1`,
      [[...areaNames.values()], [...areaNames.keys()]],
    );
    const areaId = new Map<string, string>(
      (await em.query(`SELECT name_key, id FROM areas WHERE name_key = ANY($1)`, [[...areaNames.keys()]])).map((r: { name_key: string; id: string }) => [r.name_key, r.id]),
    );

    // Evaluations (SHCP) and the cuts named by Mes y Año (official format).
    const evals = new Map<string, NonNullable<ImportAsm['evaluation']> & { programId: string }>();
    for (const a of asms) if (a.evaluation) evals.set(a.evaluation.externalId, { ...a.evaluation, programId: progId.get(progKey(a.program))! });
    const elist = [...evals.values()];
    created.evaluations = await insertMany(
      em,
      `INSERT INTO evaluations (external_id, title, evaluation_type, pae_year, coordinating_instance)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) ON CONFLICT (external_id) DO NOTHING RETURNING 1`,
      [elist.map((e) => e.externalId), elist.map((e) => e.title), elist.map((e) => e.type), elist.map((e) => e.paeYear), elist.map((e) => e.instance)],
    );
    const evalId = new Map<string, string>(
      (await em.query(`SELECT external_id, id FROM evaluations WHERE external_id = ANY($1)`, [elist.map((e) => e.externalId)])).map(
        (r: { external_id: string; id: string }) => [r.external_id, r.id],
      ),
    );
    await em.query(
      `INSERT INTO evaluation_programs (evaluation_id, program_id) SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [elist.map((e) => evalId.get(e.externalId)), elist.map((e) => e.programId)],
    );
    // Each institution runs its own cuts: a historical cut belongs to the institution of the ASM's program.
    const progInst = new Map<string, string>(
      (await em.query(`SELECT id, institution_id FROM programs WHERE id = ANY($1::uuid[])`, [[...progId.values()]])).map(
        (r: { id: string; institution_id: string }) => [r.id, r.institution_id],
      ),
    );
    const corteKey = (a: ImportAsm) => `${progInst.get(progId.get(progKey(a.program))!)}|${a.concludedIn!.year}-${a.concludedIn!.month}`;
    const cortes = new Map<string, { institutionId: string; year: number; month: number }>();
    for (const a of asms) if (a.concludedIn) cortes.set(corteKey(a), { institutionId: progInst.get(progId.get(progKey(a.program))!)!, ...a.concludedIn });
    const clist = [...cortes.values()];
    const cutoff = clist.map((c) => format(lastDayOfMonth(new Date(c.year, c.month - 1, 1)), 'yyyy-MM-dd'));
    created.cortes = await insertMany(
      em,
      `INSERT INTO cortes (institution_id, year, month, cutoff_date, submission_deadline)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::date[], $5::date[]) ON CONFLICT (institution_id, year, month) DO NOTHING RETURNING 1`,
      [
        clist.map((c) => c.institutionId),
        clist.map((c) => c.year),
        clist.map((c) => c.month),
        cutoff,
        cutoff.map((d) => this.calendar.addBusinessDays(d, this.config.get('CORTE_SUBMISSION_BUSINESS_DAYS'))),
      ],
    );
    const corteByKey = new Map<string, string>(
      (
        await em.query(
          `SELECT institution_id || '|' || year || '-' || month AS k, id FROM cortes
            WHERE (institution_id, year, month) IN (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]))`,
          [clist.map((c) => c.institutionId), clist.map((c) => c.year), clist.map((c) => c.month)],
        )
      ).map((r: { k: string; id: string }) => [r.k, r.id]),
    );
    // The cut in which each (program, month) concluded, as resolve() looks it up.
    const corteId = new Map<string, string>(
      asms.filter((a) => a.concludedIn).map((a) => [`${progId.get(progKey(a.program))}|${a.concludedIn!.year}-${a.concludedIn!.month}`, corteByKey.get(corteKey(a))!]),
    );

    // ASMs: match, compare, insert or update.
    const existing = await this.existing(em, asms, progId, cycleId, progKey);
    const fresh: { id: string; a: ImportAsm }[] = [];
    const matchedRows: ImportMatch[] = [];
    const toUpdate: { id: string; r: ReturnType<ImportWriter['resolve']> }[] = [];
    let updatedAsms = 0;
    let unchangedAsms = 0;
    let done = 0;
    for (const a of asms) {
      const programId = progId.get(progKey(a.program))!;
      const cycle = cycleId.get(a.cycle)!;
      const match = a.externalId ? existing.byExternal.get(a.externalId) : existing.byText.get(`${programId}|${cycle}|${a.classification}|${foldText(a.text)}`);
      // A publisher's row for an ASM the institution registered itself (same program, hence institution, cycle and
      // text): the institution's record is the source of truth, so it is matched and left as it is, not duplicated.
      const registered = a.externalId && !match ? existing.byRegistered.get(`${programId}|${cycle}|${foldText(a.text)}`) : undefined;
      if (registered) {
        matchedRows.push({ row: a.row, asmId: registered, matchedBy: 'texto' });
        unchangedAsms += 1;
      } else if (!match) {
        fresh.push({ id: randomUUID(), a });
      } else {
        matchedRows.push({ row: a.row, asmId: match, matchedBy: a.externalId ? 'ID_ASM' : 'texto' });
        toUpdate.push({ id: match, r: this.resolve(a, programId, cycle, areaId, evalId, corteId) });
      }
    }
    // The current state of every matched ASM in one statement; only those that differ are written.
    const current = await this.current(em, toUpdate.map((u) => u.id));
    for (const u of toUpdate) {
      if (await this.update(em, u.id, u.r, current.get(u.id))) updatedAsms += 1;
      else unchangedAsms += 1;
      done += 1;
      if (done % 500 === 0) progress(done, asms.length);
    }
    if (fresh.length) {
      const r = fresh.map(({ id, a }) => ({ id, ...this.resolve(a, progId.get(progKey(a.program))!, cycleId.get(a.cycle)!, areaId, evalId, corteId) }));
      await em.query(
        `INSERT INTO asms (id, external_id, program_id, cycle_id, evaluation_id, text, classification, priority, improvement_type, topic,
                           coordinating_area_id, status, status_reason, concluded_at, concluded_corte_id, search_text,
                           published_acronym, published_improvement_types, published_federalized_spending, published_avance)
         SELECT t.id, t.ext, t.p, t.c, t.e, t.txt, t.cl, t.pr, t.it, t.tp, t.ca, t.st, t.sr,
                CASE WHEN t.st = 'concluido' THEN now() END, t.cc, t.search,
                t.pa, CASE WHEN t.pi IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(t.pi)) END, t.pf, t.pv
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::uuid[], $12::text[], $13::text[], $14::uuid[], $15::text[], $16::text[], $17::json[], $18::text[], $19::numeric[])
             AS t(id, ext, p, c, e, txt, cl, pr, it, tp, ca, st, sr, cc, search, pa, pi, pf, pv)`,
        [
          r.map((x) => x.id),
          r.map((x) => x.externalId),
          r.map((x) => x.programId),
          r.map((x) => x.cycleId),
          r.map((x) => x.evaluationId),
          r.map((x) => x.text),
          r.map((x) => x.classification),
          r.map((x) => x.priority),
          r.map((x) => x.improvementType),
          r.map((x) => x.topic),
          r.map((x) => x.coordinatingAreaId),
          r.map((x) => x.status),
          r.map((x) => x.statusReason),
          r.map((x) => x.concludedCorteId),
          r.map((x) => x.searchText),
          r.map((x) => x.published?.acronym ?? null),
          r.map((x) => (x.published ? JSON.stringify(x.published.improvementTypes) : null)),
          r.map((x) => x.published?.federalizedSpending ?? null),
          r.map((x) => x.published?.avance ?? null),
        ],
      );
      const acts = r.flatMap((x) => x.actions.map((act, i) => ({ ...act, asmId: x.id, position: i + 1, id: randomUUID() })));
      await em.query(
        `INSERT INTO actions (id, asm_id, position, description, due_date, original_due_date, expected_results, products, percent,
                              proof_document_name, proof_document_location, observations, search_text)
         SELECT t.id, t.a, t.pos, t.d, t.due, t.due, t.er, t.pr, t.pc, t.pn, t.pl, t.ob, t.st
           FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::date[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
             AS t(id, a, pos, d, due, er, pr, pc, pn, pl, ob, st)`,
        [
          acts.map((x) => x.id),
          acts.map((x) => x.asmId),
          acts.map((x) => x.position),
          acts.map((x) => x.description),
          acts.map((x) => x.dueDate),
          acts.map((x) => x.expectedResults),
          acts.map((x) => x.products),
          acts.map((x) => x.percent),
          acts.map((x) => x.proofDocumentName),
          acts.map((x) => x.proofDocumentLocation),
          acts.map((x) => x.observations),
          acts.map((x) => foldText(x.description)),
        ],
      );
      const links = acts.flatMap((x) => x.areaIds.map((areaId, i) => [x.id, areaId, i + 1] as const));
      await em.query(`INSERT INTO action_areas (action_id, area_id, position) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) ON CONFLICT DO NOTHING`, [
        links.map((l) => l[0]),
        links.map((l) => l[1]),
        links.map((l) => l[2]),
      ]);
      created.asms = fresh.length;
      created.actions = acts.length;
    }
    progress(asms.length, asms.length);
    return { created, updatedAsms, unchangedAsms, matchedRows, createdRows: fresh.map((f) => f.a.row) };
  }

  private resolve(
    a: ImportAsm,
    programId: string,
    cycleId: string,
    areaId: Map<string, string>,
    evalId: Map<string, string>,
    corteId: Map<string, string>,
  ) {
    const actions = a.actions.map((x: ImportAction) => ({ ...x, areaIds: [...new Set(x.responsibleAreas.map((n) => areaId.get(nameKey(n))!))] }));
    return {
      externalId: a.externalId ?? null,
      programId,
      cycleId,
      evaluationId: a.evaluation ? evalId.get(a.evaluation.externalId)! : null,
      text: a.text,
      classification: a.classification,
      priority: a.priority ?? null,
      improvementType: a.improvementType ?? null,
      topic: a.topic ?? null,
      coordinatingAreaId: a.coordinatingArea ? areaId.get(nameKey(a.coordinatingArea))! : null,
      status: a.status,
      statusReason: a.statusReason ?? null,
      concludedCorteId: a.concludedIn ? corteId.get(`${programId}|${a.concludedIn.year}-${a.concludedIn.month}`)! : null,
      searchText: foldText(a.text),
      published: a.published,
      actions,
    };
  }

  private async existing(
    em: EntityManager,
    asms: ImportAsm[],
    progId: Map<string, string>,
    cycleId: Map<string, string>,
    progKey: (p: ImportAsm['program']) => string,
  ): Promise<{ byExternal: Map<string, string>; byText: Map<string, string>; byRegistered: Map<string, string> }> {
    const ext = asms.map((a) => a.externalId).filter((x): x is string => Boolean(x));
    const byExternal = new Map<string, string>(
      (await em.query(`SELECT external_id, id FROM asms WHERE external_id = ANY($1)`, [ext])).map((r: { external_id: string; id: string }) => [r.external_id, r.id]),
    );
    const pairs = [...new Set(asms.map((a) => `${progId.get(progKey(a.program))}|${cycleId.get(a.cycle)}`))].map((p) => p.split('|'));
    const byText = new Map<string, string>();
    // ASMs registered in the system (not from a publisher's file), by program, cycle and text: the first registered wins.
    const byRegistered = new Map<string, string>();
    if (pairs.length) {
      const rows: { id: string; program_id: string; cycle_id: string; classification: string; text: string; external_id: string | null }[] = await em.query(
        `SELECT a.id, a.program_id, a.cycle_id, a.classification, a.text, a.external_id FROM asms a
           JOIN unnest($1::uuid[], $2::uuid[]) AS t(p, c) ON a.program_id = t.p AND a.cycle_id = t.c ORDER BY a.seq`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      for (const r of rows) {
        byText.set(`${r.program_id}|${r.cycle_id}|${r.classification}|${foldText(r.text)}`, r.id);
        const k = `${r.program_id}|${r.cycle_id}|${foldText(r.text)}`;
        if (r.external_id === null && !byRegistered.has(k)) byRegistered.set(k, r.id);
      }
    }
    return { byExternal, byText, byRegistered };
  }

  /** What matched ASMs hold now, with their actions, by id. */
  private async current(em: EntityManager, ids: string[]): Promise<Map<string, Record<string, unknown> & { actions: Record<string, unknown>[] }>> {
    if (ids.length === 0) return new Map();
    const rows = await em.query(
      `SELECT a.id, a.text, a.priority, a.improvement_type AS "improvementType", a.topic, a.coordinating_area_id AS "coordinatingAreaId", a.status,
              a.status_reason AS "statusReason", a.concluded_corte_id AS "concludedCorteId", a.evaluation_id AS "evaluationId",
              a.published_acronym AS "publishedAcronym", a.published_improvement_types AS "publishedImprovementTypes",
              a.published_federalized_spending AS "publishedFederalizedSpending", a.published_avance::float8 AS "publishedAvance",
              COALESCE(json_agg(json_build_object('id', x.id, 'description', x.description, 'dueDate', x.due_date, 'expectedResults', x.expected_results,
                'products', x.products, 'percent', x.percent, 'proofDocumentName', x.proof_document_name,
                'proofDocumentLocation', x.proof_document_location, 'observations', x.observations,
                'areaIds', (SELECT COALESCE(array_agg(aa.area_id ORDER BY aa.position), '{}') FROM action_areas aa WHERE aa.action_id = x.id))
                ORDER BY x.position) FILTER (WHERE x.id IS NOT NULL), '[]') AS actions
         FROM asms a LEFT JOIN actions x ON x.asm_id = a.id WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r: { id: string } & Record<string, unknown> & { actions: Record<string, unknown>[] }) => [r.id, r]));
  }

  /** Brings an existing ASM to the imported values; false when it already held them (nothing written). */
  private async update(
    em: EntityManager,
    id: string,
    r: ReturnType<ImportWriter['resolve']>,
    cur: (Record<string, unknown> & { actions: Record<string, unknown>[] }) | undefined,
  ): Promise<boolean> {
    if (!cur) throw new Error(`ASM ${id} matched but not found`);
    const asmFields = ['text', 'priority', 'improvementType', 'topic', 'coordinatingAreaId', 'status', 'statusReason', 'concludedCorteId', 'evaluationId'] as const;
    const p = r.published;
    // Published values are compared only when the file publishes them (the official format does not).
    const publishedChanged =
      p !== undefined &&
      (cur.publishedAcronym !== p.acronym ||
        JSON.stringify(cur.publishedImprovementTypes) !== JSON.stringify(p.improvementTypes) ||
        cur.publishedFederalizedSpending !== p.federalizedSpending ||
        cur.publishedAvance !== (p.avance === null ? null : Number(p.avance)));
    const asmChanged = publishedChanged || asmFields.some((f) => (cur[f] ?? null) !== (r[f] ?? null));
    const actFields = ['description', 'dueDate', 'expectedResults', 'products', 'percent', 'proofDocumentName', 'proofDocumentLocation', 'observations'] as const;
    const curActs: Record<string, unknown>[] = cur.actions;
    const actsChanged = r.actions.map((x, i) => {
      const c = curActs[i];
      if (!c) return true;
      return actFields.some((f) => (c[f] ?? null) !== ((x as Record<string, unknown>)[f] ?? null)) || JSON.stringify(c.areaIds) !== JSON.stringify(x.areaIds);
    });
    if (!asmChanged && !actsChanged.some(Boolean)) return false;
    if (asmChanged) {
      await em.query(
        `UPDATE asms SET text = $2, priority = $3, improvement_type = $4, topic = $5, coordinating_area_id = $6, status = $7, status_reason = $8,
                concluded_corte_id = $9, evaluation_id = $10, search_text = $11, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, r.text, r.priority, r.improvementType, r.topic, r.coordinatingAreaId, r.status, r.statusReason, r.concludedCorteId, r.evaluationId, r.searchText],
      );
      if (p) {
        await em.query(
          `UPDATE asms SET published_acronym = $2, published_improvement_types = $3, published_federalized_spending = $4, published_avance = $5 WHERE id = $1`,
          [id, p.acronym, p.improvementTypes, p.federalizedSpending, p.avance],
        );
      }
    }
    for (const [i, x] of r.actions.entries()) {
      if (!actsChanged[i]) continue;
      const c = curActs[i];
      if (c) {
        await em.query(
          `UPDATE actions SET description = $2, due_date = $3, expected_results = $4, products = $5, percent = $6, proof_document_name = $7,
                  proof_document_location = $8, observations = $9, search_text = $10, version = version + 1, updated_at = now() WHERE id = $1`,
          [c.id, x.description, x.dueDate, x.expectedResults, x.products, x.percent, x.proofDocumentName, x.proofDocumentLocation, x.observations, foldText(x.description)],
        );
        await em.query(`DELETE FROM action_areas WHERE action_id = $1`, [c.id]);
        await em.query(`INSERT INTO action_areas (action_id, area_id, position) SELECT $1, a, o FROM unnest($2::uuid[]) WITH ORDINALITY AS t(a, o)`, [c.id, x.areaIds]);
      } else {
        const [row] = await em.query(
          `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent, proof_document_name,
                                proof_document_location, observations, search_text)
           VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [id, i + 1, x.description, x.dueDate, x.expectedResults, x.products, x.percent, x.proofDocumentName, x.proofDocumentLocation, x.observations, foldText(x.description)],
        );
        await em.query(`INSERT INTO action_areas (action_id, area_id, position) SELECT $1, a, o FROM unnest($2::uuid[]) WITH ORDINALITY AS t(a, o)`, [row.id, x.areaIds]);
      }
    }
    return true;
  }
}

/** The latest date a program's name was seen ('' when unknown). */
function latest(p: ImportAsm['program']): string {
  return (p.names ?? []).reduce((m, n) => (n.since > m ? n.since : m), '');
}

/** An area's name as recorded: white space collapsed, a trailing period dropped. */
export function canonicalArea(name: string): string {
  return squish(name).replace(/\.+$/, '').trim();
}
