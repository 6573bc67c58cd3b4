import { DomainError, ErrorDetail } from '../../common/errors/domain-error';

/** Every code the health routes answer of their own (the storage check answers the evidence module's STORAGE_UNAVAILABLE). */
export enum HealthErrorCode {
  /** 503: the readiness check cannot reach PostgreSQL. */
  NotReady = 'NOT_READY',
  /** 503: the readiness check cannot reach Redis; notices wait in the database until it is back. */
  RedisUnavailable = 'REDIS_UNAVAILABLE',
  /** 503: Redis answers but lacks the daily scan schedule; the worker restores it within seconds. */
  DailyScanNotScheduled = 'DAILY_SCAN_NOT_SCHEDULED',
}

const MESSAGES: Record<HealthErrorCode, string> = {
  [HealthErrorCode.NotReady]: 'El servicio no está listo: no responde PostgreSQL.',
  [HealthErrorCode.RedisUnavailable]:
    'Redis no responde: los avisos y recordatorios esperan en la base de datos y se entregarán cuando vuelva. Revisa el servidor de Redis.',
  [HealthErrorCode.DailyScanNotScheduled]:
    'Redis responde pero no tiene programado el escaneo diario (¿perdió sus datos?): el worker lo programa de nuevo en segundos; si esto persiste, revisa que el worker esté en marcha.',
};

/** A dependency the route checks does not answer (503); `details` say why, to a caller with a session only. */
export class DependencyDownError extends DomainError {
  constructor(code: HealthErrorCode, details: ErrorDetail[]) {
    super(code, MESSAGES[code], 'unavailable', details);
  }
}
