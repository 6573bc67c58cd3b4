import { DomainError, ErrorDetail, ErrorKind, UploadErrorCode, ValidationFailedError } from '../../common/errors/domain-error';
import { IntakeErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { IntakeErrorCode };

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
