import { DomainError, ErrorDetail, ErrorKind, ValidationFailedError } from '../../common/errors/domain-error';

/** Every code the intake module raises (the codes the API has always answered). */
export enum IntakeErrorCode {
  ImportRejected = 'IMPORT_REJECTED',
  XlsxTooLarge = 'XLSX_TOO_LARGE',
  XlsxSuspicious = 'XLSX_SUSPICIOUS',
  MultipartRequired = 'MULTIPART_REQUIRED',
  MultipartInvalid = 'MULTIPART_INVALID',
  FileTooLarge = 'FILE_TOO_LARGE',
  FileMissing = 'FILE_MISSING',
  ImportMatchLost = 'IMPORT_MATCH_LOST',
}

/** A failure of an import, raised by the intake module. */
export class IntakeError extends DomainError {
  constructor(code: IntakeErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}

/** An upload refused while its body may still be arriving: the answer also closes the connection. */
export class ImportUploadRefusedError extends IntakeError {
  readonly closeConnection = true;
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
