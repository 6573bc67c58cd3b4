import type { ActionContent } from '../asm/actions.repository';
import type { AsmStatus, Classification, ImprovementType, Priority } from '../asm/asm.types';

/** A problem found in a file, located as a person would look for it. */
export interface ImportProblem {
  /** Line (text, CSV) or row (XLSX) of the file; null for the file as a whole. */
  row: number | null;
  /** Column heading (or letter) where the problem is; null for the whole row. */
  column: string | null;
  problem: string;
}

/** One ASM as read from a file, before it is matched against the database. */
export interface ImportAsm {
  row: number;
  externalId?: string;
  program: {
    ramoCode: string;
    ramoName: string;
    institutionAcronym: string;
    institutionName: string;
    modality: string;
    code: string;
    name: string;
    /** Names the program carried, with the first date each was seen (name history). */
    names?: { name: string; since: string }[];
  };
  cycle: string;
  text: string;
  classification: Classification;
  priority?: Priority | null;
  improvementType?: ImprovementType | null;
  topic?: string | null;
  coordinatingArea: string | null;
  /** Imported ASMs come with their plan committed: never a draft. */
  status: Exclude<AsmStatus, 'borrador'>;
  statusReason?: string | null;
  /** The cut in which it reached 100 % (official-format imports: the Mes y Año column). */
  concludedIn?: { year: number; month: number };
  /** SHCP's open data: values kept as published, beside the ones the model derives from them. */
  published?: { acronym: string; improvementTypes: string[]; federalizedSpending: string | null; avance: string | null };
  evaluation?: { externalId: string; title: string; type: string; paeYear: number | null; instance: 'CONEVAL' | 'SHCP' | 'SFP' };
  actions: ImportAction[];
}

export interface ImportAction extends ActionContent {
  responsibleAreas: string[];
}

/** A row of the file that corresponds to an ASM already in the system, and how it was recognised. */
export interface ImportMatch {
  row: number;
  asmId: string;
  /** 'ID_ASM': the publisher's id of an ASM imported before; 'texto': same program, cycle and text (the official format's identity). */
  matchedBy: 'ID_ASM' | 'texto';
}

export interface ImportCounts {
  ramos: number;
  institutions: number;
  programs: number;
  cycles: number;
  areas: number;
  evaluations: number;
  cortes: number;
  asms: number;
  actions: number;
}

/** What an import found and did (or, on a dry run, would do). */
export interface ImportReport {
  source: string;
  dryRun: boolean;
  /** True only when the changes were written (no problem found, not a dry run). */
  applied: boolean;
  rowsRead: number;
  rowsAccepted: number;
  asmsRead: number;
  created: ImportCounts;
  updatedAsms: number;
  unchangedAsms: number;
  problems: ImportProblem[];
  /** Rows reported but not imported (only for sources that import the rest anyway). */
  rowsSkipped: number;
  /** Rows that correspond to ASMs already in the system (updated, or left as they are). */
  matchedRows: ImportMatch[];
  /** Rows that create (a dry run: would create) a new ASM. */
  createdRows: number[];
  /** Rows not imported because of a problem (listed in problems). */
  skippedRows: number[];
}

export const zeroCounts = (): ImportCounts => ({ ramos: 0, institutions: 0, programs: 0, cycles: 0, areas: 0, evaluations: 0, cortes: 0, asms: 0, actions: 0 });
