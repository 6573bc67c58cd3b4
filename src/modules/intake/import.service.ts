import { Injectable } from '@nestjs/common';
import { Metrics } from '../../common/metrics/metrics.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { ImportAsm, ImportProblem, ImportReport, zeroCounts } from './import-model';
import { ImportWriter } from './import-writer.service';
import { officialOptionsMissing } from './intake.errors';
import { OfficialImportOptions, parseOfficialText, parseOfficialXlsx } from './official.parser';
import { parseShcp } from './shcp.parser';

export const IMPORT_SOURCES = ['oficial', 'shcp'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Rolls a dry run back after computing exactly what it would write. */
class DryRunRollback extends Error {}

/**
 * Imports with a dry run that reports what would happen, and a real run that
 * is all-or-nothing in one transaction and idempotent. The official format is
 * strict (any problem: nothing is written); SHCP's open data is imported row
 * by row: its unreadable rows are reported and the rest are imported.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly writer: ImportWriter,
    private readonly policy: Policy,
    private readonly metrics: Metrics,
  ) {}

  async run(o: Parameters<ImportService['apply']>[0]): Promise<ImportReport> {
    try {
      const report = await this.apply(o);
      this.metrics.imports.inc({ source: o.source, result: report.applied ? 'aplicada' : report.dryRun ? 'simulada' : 'rechazada' });
      return report;
    } catch (err) {
      this.metrics.imports.inc({ source: o.source, result: 'fallida' });
      throw err;
    }
  }

  private async apply(o: {
    source: ImportSource;
    content: Buffer;
    fileName: string;
    dryRun: boolean;
    options?: OfficialImportOptions;
    actor: Actor;
    progress?: (done: number, total: number) => void;
  }): Promise<ImportReport> {
    this.policy.assert(o.actor, 'create', 'Import');
    let parsed: { asms: ImportAsm[]; problems: ImportProblem[]; rowsRead: number; cycles?: string[] };
    let strict = true;
    if (o.source === 'shcp') {
      parsed = parseShcp(o.content);
      strict = false;
    } else {
      const opts = o.options;
      if (!opts) throw officialOptionsMissing();
      parsed = isZip(o.content) ? await parseOfficialXlsx(o.content, opts) : /\.xlsx$/i.test(o.fileName) ? notXlsx() : parseOfficialText(o.content, opts);
    }
    const report: ImportReport = {
      source: o.fileName,
      dryRun: o.dryRun,
      applied: false,
      rowsRead: parsed.rowsRead,
      rowsAccepted: parsed.asms.reduce((n, a) => n + a.actions.length, 0),
      asmsRead: parsed.asms.length,
      created: zeroCounts(),
      updatedAsms: 0,
      unchangedAsms: 0,
      problems: parsed.problems,
      rowsSkipped: 0,
      matchedRows: [],
      createdRows: [],
      skippedRows: strict ? [] : [...new Set(parsed.problems.map((p) => p.row).filter((r): r is number => r !== null))].sort((x, y) => x - y),
    };
    report.rowsSkipped = strict ? 0 : new Set(parsed.problems.map((p) => p.row)).size;
    if (strict && parsed.problems.length) return report;
    if (parsed.asms.length === 0) return report;
    try {
      await this.uow.run(async (em) => {
        const outcome = await this.writer.apply(em, parsed.asms, parsed.cycles ?? [], o.progress);
        Object.assign(report, {
          created: outcome.created,
          updatedAsms: outcome.updatedAsms,
          unchangedAsms: outcome.unchangedAsms,
          matchedRows: outcome.matchedRows,
          createdRows: outcome.createdRows,
        });
        if (o.dryRun) throw new DryRunRollback();
      });
      report.applied = !o.dryRun;
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    return report;
  }
}

function isZip(b: Buffer): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

function notXlsx(): { asms: ImportAsm[]; problems: ImportProblem[]; rowsRead: number } {
  return {
    asms: [],
    rowsRead: 0,
    problems: [{ row: null, column: null, problem: 'El archivo no es un libro de Excel (.xlsx) válido; guárdalo como .xlsx y vuelve a intentarlo.' }],
  };
}
