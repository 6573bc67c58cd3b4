import { DomainError } from '../../common/errors/domain-error';
import { toDmy } from '../../common/dates';
import { RemindersErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { RemindersErrorCode };

export class QueueUnavailableError extends DomainError {
  constructor() {
    super(
      RemindersErrorCode.QUEUE_UNAVAILABLE,
      'La cola de trabajos (Redis) no responde; el escaneo diario se hará a su hora. Intenta de nuevo más tarde.',
      'unavailable',
    );
  }
}

export class ScanDateInFutureError extends DomainError {
  constructor(today: string) {
    super(
      RemindersErrorCode.SCAN_DATE_IN_FUTURE,
      `No se puede ejecutar el escaneo de un día futuro; elige hoy (${toDmy(today)}) o un día anterior.`,
      'unprocessable',
      [{ field: 'date', message: 'Debe ser hoy o un día anterior.' }],
    );
  }
}

export class ScanDateTooOldError extends DomainError {
  constructor(earliest: string) {
    super(
      RemindersErrorCode.SCAN_DATE_TOO_OLD,
      `Solo se puede volver a ejecutar el escaneo de los últimos 31 días (desde el ${toDmy(earliest)}); lo anterior ya se puso al corriente en los escaneos siguientes.`,
      'unprocessable',
      [{ field: 'date', message: `Debe ser el ${toDmy(earliest)} o posterior.` }],
    );
  }
}

export class ScanDateSupersededError extends DomainError {
  constructor(last: string) {
    super(
      RemindersErrorCode.SCAN_DATE_SUPERSEDED,
      `Ya se ejecutó el escaneo del ${toDmy(last)}, que puso al corriente los pendientes de los días anteriores; ejecutar uno anterior enviaría avisos desactualizados. Elige el ${toDmy(last)} o una fecha posterior.`,
      'unprocessable',
      [{ field: 'date', message: `Debe ser el ${toDmy(last)} o posterior.` }],
    );
  }
}
