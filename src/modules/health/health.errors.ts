import { DomainError, ErrorDetail } from '../../common/errors/domain-error';
import { HealthErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { HealthErrorCode };

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
