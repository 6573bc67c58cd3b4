import { DomainError, ErrorDetail, ErrorKind, UploadErrorCode, ValidationFailedError } from '../../common/errors/domain-error';

/** Every code the intake module raises of its own; a refused upload answers UploadErrorCode (common/errors). */
export enum IntakeErrorCode {
  /** 422: the file has problems in the official format; nothing was imported, `details` locate each (row, column). */
  ImportRejected = 'IMPORT_REJECTED',
  /** 413: the workbook is too large once uncompressed; split it into several files. */
  XlsxTooLarge = 'XLSX_TOO_LARGE',
  /** 422: the .xlsx does not look like a normal workbook (e.g. a zip bomb); re-save it in Excel. */
  XlsxSuspicious = 'XLSX_SUSPICIOUS',
  /** 409: an ASM the import matched was deleted while importing; retry the import. */
  ImportMatchLost = 'IMPORT_MATCH_LOST',
}

/** A failure of an import, raised by the intake module. */
export class IntakeError extends DomainError {
  constructor(code: IntakeErrorCode | UploadErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}

/** The official format is strict: a file with any problem is rejected whole, each problem located. */
export class ImportRejectedError extends IntakeError {
  constructor(problems: { row: number | null; column: string | null; problem: string }[]) {
    super(
      IntakeErrorCode.ImportRejected,
      `El archivo tiene ${problems.length} problema(s); no se importó nada. Corrige lo señalado (fila y columna) y vuelve a intentarlo.`,
      'unprocessable',
      problems.map((p) => ({ field: p.column ?? undefined, row: p.row, message: p.problem })),
    );
  }
}

/** The official format does not print the program's ramo nor its institution: an import must be told both. */
export function officialOptionsMissing(): ValidationFailedError {
  return new ValidationFailedError([
    { field: 'ramo', message: 'Indica el ramo del programa (el formato oficial no lo imprime).' },
    { field: 'institucion', message: 'Indica las siglas de la institución.' },
  ]);
}
