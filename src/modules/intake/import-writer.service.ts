import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BusinessCalendarService } from '../../common/business-calendar';
import { foldText, nameKey, squish } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { Db } from '../../database/sql';
import { AsmImportRepository, ImportedActionFields, ImportedAsmState, NewImportedAction, NewImportedAsm } from '../asm/asm-import.repository';
import { CatalogImportRepository, KeyedId } from '../catalog/catalog-import.repository';
import { CorteImportRepository } from '../reporting/corte-import.repository';
import { corteDates } from '../reporting/corte-deadline';
import { ImportAsm, ImportCounts, ImportMatch, zeroCounts } from './import-model';
import { IntakeError, IntakeErrorCode } from './intake.errors';

interface Outcome {
  created: ImportCounts;
  updatedAsms: number;
  unchangedAsms: number;
  matchedRows: ImportMatch[];
  createdRows: number[];
}

/** An imported action with its ids resolved. */
type ResolvedAction = ImportedActionFields & { areaIds: string[] };
/** An imported ASM with its ids resolved: what it would hold in the database. */
type Resolved = Omit<NewImportedAsm, 'id'> & { actions: ResolvedAction[] };

const SINCE_ALWAYS = '1900-01-01';
const ASM_FIELDS = [
  'text',
  'priority',
  'improvementType',
  'topic',
  'coordinatingAreaId',
  'status',
  'statusReason',
  'concludedCorteId',
  'evaluationId',
] as const;
const ACTION_FIELDS = [
  'description',
  'dueDate',
  'expectedResults',
  'products',
  'percent',
  'proofDocumentName',
  'proofDocumentLocation',
  'observations',
] as const;

const byKey = (rows: KeyedId[]) => new Map<string, string>(rows.map((r) => [r.key, r.id]));
const progKey = (p: ImportAsm['program']) => `${p.ramoCode}|${p.modality}|${p.code}`;

/**
 * Writes imported ASMs with bulk statements inside the caller's transaction,
 * idempotently: catalogs are matched by their natural keys, ASMs by the
 * publisher's id or by (program, cycle, classification, text), and a record
 * that already holds the same values is left untouched, so importing the same
 * file twice changes nothing the second time. Each table is written by its
 * module's repository (catalog, reporting's cortes, asm).
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly calendar: BusinessCalendarService,
    private readonly config: AppConfig,
    private readonly catalog: CatalogImportRepository,
    private readonly cortes: CorteImportRepository,
    private readonly asmRepo: AsmImportRepository,
  ) {}

  /** `cycles`: every cycle the file names, with ASMs or not (an empty section is still a configured cycle). */
  async apply(db: Db, asms: ImportAsm[], cycles: string[] = [], progress: (done: number, total: number) => void = () => undefined): Promise<Outcome> {
    const created = zeroCounts();

    // Ramos, institutions, programs.
    const ramos = new Map(asms.map((a) => [a.program.ramoCode, a.program.ramoName]));
    created.ramos = await this.catalog.insertRamos(
      db,
      [...ramos].map(([code, name]) => ({ code, name })),
    );
    const insts = new Map(asms.map((a) => [a.program.institutionAcronym, a.program.institutionName]));
    created.institutions = await this.catalog.insertInstitutions(
      db,
      [...insts].map(([acronym, name]) => ({ acronym, name })),
    );
    const instId = byKey(await this.catalog.institutionIds(db, [...insts.keys()]));
    const programs = new Map<string, ImportAsm['program']>();
    for (const a of asms) {
      const k = progKey(a.program);
      const seen = programs.get(k);
      // The latest name reported is the one in force.
      if (!seen || latest(a.program) >= latest(seen)) programs.set(k, a.program);
    }
    const plist = [...programs.values()];
    created.programs = await this.catalog.insertPrograms(
      db,
      plist.map((p) => ({ institutionId: instId.get(p.institutionAcronym), ramoCode: p.ramoCode, modality: p.modality, code: p.code, name: p.name })),
    );
    const progId = byKey(await this.catalog.programIds(db, plist));
    const programOf = (a: ImportAsm) => progId.get(progKey(a.program))!;
    await this.catalog.insertProgramNames(db, nameHistory(asms, programOf));

    // Cycles and areas.
    const allCycles = [...new Set([...cycles, ...asms.map((a) => a.cycle)])];
    created.cycles = await this.catalog.insertCycles(db, allCycles);
    const cycleId = byKey(await this.catalog.cycleIds(db, allCycles));
    const areaNames = new Map<string, string>();
    for (const a of asms) {
      if (a.coordinatingArea) areaNames.set(nameKey(a.coordinatingArea), canonicalArea(a.coordinatingArea));
      for (const x of a.actions) for (const n of x.responsibleAreas) if (!areaNames.has(nameKey(n))) areaNames.set(nameKey(n), canonicalArea(n));
    }
    created.areas = await this.catalog.insertAreas(
      db,
      [...areaNames].map(([key, name]) => ({ name, nameKey: key })),
    );
    const areaId = byKey(await this.catalog.areaIds(db, [...areaNames.keys()]));

    // Evaluations (SHCP) and the cuts named by Mes y Año (official format).
    const evals = new Map<string, NonNullable<ImportAsm['evaluation']> & { programId: string }>();
    for (const a of asms) if (a.evaluation) evals.set(a.evaluation.externalId, { ...a.evaluation, programId: programOf(a) });
    const elist = [...evals.values()];
    created.evaluations = await this.catalog.insertEvaluations(db, elist);
    const evalId = byKey(
      await this.catalog.evaluationIds(
        db,
        elist.map((e) => e.externalId),
      ),
    );
    await this.catalog.linkEvaluationPrograms(
      db,
      elist.map((e) => ({ evaluationId: evalId.get(e.externalId), programId: e.programId })),
    );
    // Each institution runs its own cuts: a historical cut belongs to the institution of the ASM's program.
    const progInst = byKey(await this.catalog.programInstitutions(db, [...progId.values()]));
    const corteKey = (a: ImportAsm) => `${progInst.get(programOf(a))}|${a.concludedIn!.year}-${a.concludedIn!.month}`;
    const cortes = new Map<string, { institutionId: string; year: number; month: number }>();
    for (const a of asms) if (a.concludedIn) cortes.set(corteKey(a), { institutionId: progInst.get(programOf(a))!, ...a.concludedIn });
    const clist = [...cortes.values()];
    // The dates any cut gets (reporting's rule): the month's last day, and the deadline business days after it.
    const businessDays = this.config.get('CORTE_SUBMISSION_BUSINESS_DAYS');
    created.cortes = await this.cortes.insertMissing(
      db,
      clist.map((c) => ({ ...c, ...corteDates(this.calendar, businessDays, c) })),
    );
    const corteByKey = byKey(await this.cortes.ids(db, clist));
    // The cut in which each (program, month) concluded, as resolve() looks it up.
    const corteId = new Map<string, string>(
      asms.filter((a) => a.concludedIn).map((a) => [`${programOf(a)}|${a.concludedIn!.year}-${a.concludedIn!.month}`, corteByKey.get(corteKey(a))!]),
    );
    const resolve = (a: ImportAsm) => this.resolve(a, programOf(a), cycleId.get(a.cycle)!, areaId, evalId, corteId);

    // ASMs: match, compare, insert or update.
    const existing = await this.existing(db, asms, programOf, cycleId);
    const fresh: { id: string; a: ImportAsm }[] = [];
    const matchedRows: ImportMatch[] = [];
    const toUpdate: { id: string; r: Resolved }[] = [];
    let updatedAsms = 0;
    let unchangedAsms = 0;
    let done = 0;
    for (const a of asms) {
      const programId = programOf(a);
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
        toUpdate.push({ id: match, r: resolve(a) });
      }
    }
    // The current state of every matched ASM in one statement; only those that differ are written.
    const ids = [...new Set(toUpdate.map((u) => u.id))];
    const current = new Map(ids.length ? (await this.asmRepo.states(db, ids)).map((s) => [s.id, s]) : []);
    for (const u of toUpdate) {
      if (await this.update(db, u.id, u.r, current.get(u.id))) updatedAsms += 1;
      else unchangedAsms += 1;
      done += 1;
      if (done % 500 === 0) progress(done, asms.length);
    }
    if (fresh.length) {
      const r = fresh.map(({ id, a }) => ({ id, ...resolve(a) }));
      await this.asmRepo.insertAsms(db, r);
      const acts: (NewImportedAction & { areaIds: string[] })[] = r.flatMap((x) =>
        x.actions.map((act, i) => ({ ...act, asmId: x.id, position: i + 1, id: randomUUID() })),
      );
      await this.asmRepo.insertActions(db, acts);
      await this.asmRepo.insertActionAreas(
        db,
        acts.flatMap((x) => x.areaIds.map((areaId, i) => ({ actionId: x.id, areaId, position: i + 1 }))),
      );
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
  ): Resolved {
    const actions = a.actions.map((x): ResolvedAction => ({
      description: x.description,
      dueDate: x.dueDate,
      expectedResults: x.expectedResults,
      products: x.products,
      percent: x.percent,
      proofDocumentName: x.proofDocumentName,
      proofDocumentLocation: x.proofDocumentLocation,
      observations: x.observations,
      searchText: foldText(x.description),
      areaIds: [...new Set(x.responsibleAreas.map((n) => areaId.get(nameKey(n))!))],
    }));
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
    db: Db,
    asms: ImportAsm[],
    programOf: (a: ImportAsm) => string,
    cycleId: Map<string, string>,
  ): Promise<{ byExternal: Map<string, string>; byText: Map<string, string>; byRegistered: Map<string, string> }> {
    const ext = asms.map((a) => a.externalId).filter((x): x is string => Boolean(x));
    const byExternal = new Map<string, string>((await this.asmRepo.idsByExternalId(db, ext)).map((r) => [r.externalId, r.id]));
    const pairs = [...new Set(asms.map((a) => `${programOf(a)}|${cycleId.get(a.cycle)}`))].map((p) => p.split('|'));
    const byText = new Map<string, string>();
    // ASMs registered in the system (not from a publisher's file), by program, cycle and text: the first registered wins.
    const byRegistered = new Map<string, string>();
    if (pairs.length) {
      const rows = await this.asmRepo.inProgramCycles(
        db,
        pairs.map(([programId, cycle]) => ({ programId, cycleId: cycle })),
      );
      for (const r of rows) {
        byText.set(`${r.programId}|${r.cycleId}|${r.classification}|${foldText(r.text)}`, r.id);
        const k = `${r.programId}|${r.cycleId}|${foldText(r.text)}`;
        if (r.externalId === null && !byRegistered.has(k)) byRegistered.set(k, r.id);
      }
    }
    return { byExternal, byText, byRegistered };
  }

  /** Brings an existing ASM to the imported values; false when it already held them (nothing written). */
  private async update(db: Db, id: string, r: Resolved, cur: ImportedAsmState | undefined): Promise<boolean> {
    if (!cur) {
      throw new IntakeError(
        IntakeErrorCode.ImportMatchLost,
        `El ASM ${id} dejó de existir mientras se importaba; vuelve a intentar la importación.`,
        'conflict',
      );
    }
    const p = r.published;
    // Published values are compared only when the file publishes them (the official format does not).
    const publishedChanged =
      p !== undefined &&
      (cur.publishedAcronym !== p.acronym ||
        JSON.stringify(cur.publishedImprovementTypes) !== JSON.stringify(p.improvementTypes) ||
        cur.publishedFederalizedSpending !== p.federalizedSpending ||
        cur.publishedAvance !== (p.avance === null ? null : Number(p.avance)));
    const asmChanged = publishedChanged || ASM_FIELDS.some((f) => (cur[f] ?? null) !== (r[f] ?? null));
    const curActs = cur.actions;
    const actsChanged = r.actions.map((x, i) => {
      const c = curActs[i];
      if (!c) return true;
      return ACTION_FIELDS.some((f) => (c[f] ?? null) !== (x[f] ?? null)) || JSON.stringify(c.areaIds) !== JSON.stringify(x.areaIds);
    });
    if (!asmChanged && !actsChanged.some(Boolean)) return false;
    if (asmChanged) {
      await this.asmRepo.updateAsm(db, id, r);
      if (p) await this.asmRepo.updatePublished(db, id, p);
    }
    for (const [i, x] of r.actions.entries()) {
      if (!actsChanged[i]) continue;
      const c = curActs[i];
      if (c) {
        await this.asmRepo.updateAction(db, c.id, x);
        await this.asmRepo.replaceActionAreas(db, c.id, x.areaIds);
      } else {
        const actionId = await this.asmRepo.insertAction(db, id, i + 1, x);
        await this.asmRepo.setActionAreas(db, actionId, x.areaIds);
      }
    }
    return true;
  }
}

/**
 * A program's name history: every name with the first date it was seen; the
 * earliest name of each program holds "since always".
 */
function nameHistory(asms: ImportAsm[], programOf: (a: ImportAsm) => string): { programId: string; name: string; validFrom: string }[] {
  const history: [string, string, string][] = [];
  for (const a of asms) {
    const names = a.program.names ?? [{ name: a.program.name, since: SINCE_ALWAYS }];
    for (const n of names) history.push([programOf(a), n.name, n.since]);
  }
  const firstSeen = new Map<string, [string, string, string]>();
  for (const h of history.sort((x, y) => x[2].localeCompare(y[2]))) {
    const k = `${h[0]}|${h[1]}`;
    if (!firstSeen.has(k)) firstSeen.set(k, h);
  }
  const earliest = new Map<string, string>();
  for (const [pid, , since] of firstSeen.values()) if (!earliest.has(pid) || since < earliest.get(pid)!) earliest.set(pid, since);
  return [...firstSeen.values()].map(([programId, name, since]) => ({ programId, name, validFrom: since === earliest.get(programId) ? SINCE_ALWAYS : since }));
}

/** The latest date a program's name was seen ('' when unknown). */
function latest(p: ImportAsm['program']): string {
  return (p.names ?? []).reduce((m, n) => (n.since > m ? n.since : m), '');
}

/** An area's name as recorded: white space collapsed, a trailing period dropped. */
export function canonicalArea(name: string): string {
  return squish(name).replace(/\.+$/, '').trim();
}
