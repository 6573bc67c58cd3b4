import { ArrayProp, BoolProp, EnumProp, IntArrayProp, IntProp, ObjectProp, TextProp, UuidProp } from '../../common/http/view-properties';
import type { ImportCounts, ImportMatch, ImportProblem, ImportReport } from './import-model';

/** What the import route returns (see catalog.view.ts for how these classes stay equal to the services' types). */
export class ImportProblemView implements ImportProblem {
  @IntProp({ nullable: true, description: 'Línea o renglón del archivo (null: el archivo completo).' }) row: number | null;
  @TextProp({ nullable: true, description: 'Encabezado o letra de la columna (null: el renglón completo).' }) column: string | null;
  @TextProp() problem: string;
}

export class ImportMatchView implements ImportMatch {
  @IntProp({ minimum: 1, description: 'Línea o renglón del archivo.' }) row: number;
  @UuidProp({ description: 'El ASM del sistema al que corresponde.' }) asmId: string;
  @EnumProp(['ID_ASM', 'texto'], { description: 'ID_ASM: el identificador de SHCP de un ASM importado antes; texto: mismo programa, ciclo y texto del ASM.' })
  matchedBy: 'ID_ASM' | 'texto';
}

export class ImportCountsView implements ImportCounts {
  @IntProp({ minimum: 0 }) ramos: number;
  @IntProp({ minimum: 0 }) institutions: number;
  @IntProp({ minimum: 0 }) programs: number;
  @IntProp({ minimum: 0 }) cycles: number;
  @IntProp({ minimum: 0 }) areas: number;
  @IntProp({ minimum: 0 }) evaluations: number;
  @IntProp({ minimum: 0 }) cortes: number;
  @IntProp({ minimum: 0 }) asms: number;
  @IntProp({ minimum: 0 }) actions: number;
}

export class ImportReportView implements ImportReport {
  @TextProp({ description: 'Nombre del archivo importado.', example: 'aspectos_susceptibles_mejora.csv' }) source: string;
  @BoolProp() dryRun: boolean;
  @BoolProp({ description: 'true solo si se escribieron los cambios (sin problemas y sin dryRun).' }) applied: boolean;
  @IntProp({ minimum: 0 }) rowsRead: number;
  @IntProp({ minimum: 0 }) rowsAccepted: number;
  @IntProp({ minimum: 0 }) asmsRead: number;
  @ObjectProp(() => ImportCountsView, { description: 'Registros creados (o que se crearían).' }) created: ImportCountsView;
  @IntProp({ minimum: 0 }) updatedAsms: number;
  @IntProp({ minimum: 0 }) unchangedAsms: number;
  @ArrayProp(() => ImportProblemView) problems: ImportProblemView[];
  @IntProp({ minimum: 0, description: 'Renglones reportados y no importados (solo en los orígenes que importan el resto).' }) rowsSkipped: number;
  @ArrayProp(() => ImportMatchView, { description: 'Renglones que corresponden a ASM ya registrados (se actualizan o quedan como están, sin duplicarse).' })
  matchedRows: ImportMatchView[];
  @IntArrayProp({ description: 'Renglones que crean (o crearían) un ASM nuevo.' }) createdRows: number[];
  @IntArrayProp({ description: 'Renglones que no se importan por un problema (detallado en problems).' }) skippedRows: number[];
}
