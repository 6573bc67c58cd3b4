import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorDetail, ErrorKind } from '../errors/domain-error';
import { CommonErrorCode, ResponseErrorCode } from '../errors/error-codes';
import { JSON_MAX_DEPTH } from '../http/json-depth';

export interface ErrorBody {
  code: string;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported: 415,
  unprocessable: 422,
  too_many: 429,
  unavailable: 503,
};

/** A property of a thrown value, whatever the value is (undefined when it is not an object or lacks it). */
export function propertyOf(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}

function stringProperty(value: unknown, key: string): string | undefined {
  const found = propertyOf(value, key);
  return typeof found === 'string' ? found : undefined;
}

export function numberProperty(value: unknown, key: string): number | undefined {
  const found = propertyOf(value, key);
  return typeof found === 'number' ? found : undefined;
}

/** What the filter reads of an error of PostgreSQL (node-postgres's DatabaseError, or a network error of its socket). */
interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
  /** The errors of each address tried, when a connection failed on all of them (AggregateError). */
  errorCodes: string[];
}

/** The driver's error under TypeORM's wrapper, or the thrown value itself (pg errors raised outside TypeORM). */
function pgErrorOf(err: unknown): PgError | undefined {
  const driver: unknown = err instanceof QueryFailedError ? err.driverError : err;
  if (typeof driver !== 'object' || driver === null) return undefined;
  const nested = propertyOf(driver, 'errors');
  return {
    code: stringProperty(driver, 'code'),
    constraint: stringProperty(driver, 'constraint'),
    message: stringProperty(driver, 'message'),
    errorCodes: Array.isArray(nested) ? nested.map((e) => stringProperty(e, 'code')).filter((c): c is string => c !== undefined) : [],
  };
}

/** The filter's own answer (not a domain error's), built afresh: the filter adds the request id to its body. */
function answer(status: number, code: string, message: string, details: ErrorDetail[] = []): ErrorResponse {
  return { status, body: { code, message, details } };
}

/** PostgreSQL refusals that reach the filter are mapped to the same shape as domain errors. */
function fromDatabase(pg: PgError): ErrorResponse | undefined {
  const details: ErrorDetail[] = pg.constraint ? [{ message: 'Restricción de la base de datos', constraint: pg.constraint }] : [];
  switch (pg.code) {
    case '23505':
      return answer(409, CommonErrorCode.Duplicate, 'Ya existe un registro con esos datos; usa el existente o cambia el valor repetido.', details);
    case '23503':
      return answer(422, CommonErrorCode.ReferenceNotFound, 'Un registro referido no existe o sigue en uso; revisa los identificadores enviados.', details);
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return answer(
        422,
        ResponseErrorCode.ConstraintViolated,
        'Los datos no cumplen las reglas del registro; corrige los valores y vuelve a intentarlo.',
        details,
      );
    case '40001':
    case '40P01':
      return answer(409, ResponseErrorCode.ConcurrentUpdate, 'Otra operación modificó los mismos datos al mismo tiempo; vuelve a intentarlo.');
    default:
      return undefined;
  }
}

/** SQLSTATE classes 08 (connection exception) and 57P (the server shut down or is starting). */
const DATABASE_GONE = /^(08|57P0[1-3])/;
const NETWORK_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** PostgreSQL cannot be reached (down, restarting, or the connection dropped): not the request's fault, and not a bug. */
function databaseUnavailable(err: unknown): boolean {
  const e = pgErrorOf(err);
  if (!e) return false;
  if (e.code !== undefined && (DATABASE_GONE.test(e.code) || NETWORK_GONE.has(e.code))) return true;
  if (e.errorCodes.some((code) => NETWORK_GONE.has(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message ?? '');
}

/** The HTTP status an error of the HTTP layer carries: Nest's HttpException, or body-parser's `status`/`statusCode`. */
function httpStatusOf(err: unknown): number | undefined {
  if (err instanceof HttpException) return err.getStatus();
  return numberProperty(err, 'status') ?? numberProperty(err, 'statusCode');
}

type HttpRefusalCode =
  | ResponseErrorCode.PayloadTooLarge
  | ResponseErrorCode.JsonTooDeep
  | ResponseErrorCode.MalformedJson
  | ResponseErrorCode.UnsupportedMediaType
  | ResponseErrorCode.RouteNotFound
  | ResponseErrorCode.MethodNotAllowed
  | ResponseErrorCode.TooManyRequests;

/** The refusals of the HTTP layer the filter names: the status it answers and the message that says what to do. */
const HTTP_REFUSALS: Record<HttpRefusalCode, { status: number; message: string }> = {
  [ResponseErrorCode.PayloadTooLarge]: { status: 413, message: 'La solicitud es demasiado grande; reduce el tamaño del texto o del archivo.' },
  [ResponseErrorCode.JsonTooDeep]: {
    status: 400,
    message: `El cuerpo de la solicitud anida demasiados niveles de listas u objetos (máximo ${JSON_MAX_DEPTH}); envía los datos sin anidar de más.`,
  },
  [ResponseErrorCode.MalformedJson]: { status: 400, message: 'El cuerpo de la solicitud no es JSON válido; revisa comillas, comas y llaves.' },
  [ResponseErrorCode.UnsupportedMediaType]: { status: 415, message: 'Tipo de contenido no admitido; envía JSON con codificación UTF-8.' },
  [ResponseErrorCode.RouteNotFound]: { status: 404, message: 'La ruta solicitada no existe; consulta la documentación en /api/docs.' },
  [ResponseErrorCode.MethodNotAllowed]: { status: 405, message: 'Método no permitido en esta ruta; consulta la documentación en /api/docs.' },
  [ResponseErrorCode.TooManyRequests]: { status: 429, message: 'Demasiadas solicitudes; espera un momento y vuelve a intentarlo.' },
};

/** A body-parser error is known by its `type` (json-depth.ts raises 'entity.too.deep' the same way)… */
const REFUSAL_BY_PARSER_TYPE = new Map<string, HttpRefusalCode>([
  ['entity.too.large', ResponseErrorCode.PayloadTooLarge],
  ['entity.too.deep', ResponseErrorCode.JsonTooDeep],
  ['entity.parse.failed', ResponseErrorCode.MalformedJson],
  ['encoding.unsupported', ResponseErrorCode.UnsupportedMediaType],
  ['charset.unsupported', ResponseErrorCode.UnsupportedMediaType],
]);

/** …any other error of the HTTP layer by its status. */
const REFUSAL_BY_STATUS = new Map<number, HttpRefusalCode>([
  [413, ResponseErrorCode.PayloadTooLarge],
  [415, ResponseErrorCode.UnsupportedMediaType],
  [404, ResponseErrorCode.RouteNotFound],
  [405, ResponseErrorCode.MethodNotAllowed],
  [429, ResponseErrorCode.TooManyRequests],
]);

/** Maps any thrown value to a status and the one error body of the API. */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof DomainError) {
    return { status: STATUS_BY_KIND[err.kind], body: { code: err.code, message: err.message, details: err.details } };
  }
  if (err instanceof QueryFailedError) {
    const pg = pgErrorOf(err);
    const mapped = pg && fromDatabase(pg);
    if (mapped) return mapped;
  }
  if (databaseUnavailable(err)) {
    return answer(
      503,
      ResponseErrorCode.DatabaseUnavailable,
      'La base de datos no responde en este momento; intenta de nuevo en unos minutos. Si enviabas un cambio, revisa si quedó guardado antes de repetirlo.',
    );
  }
  // Nest wraps body-parser errors in an HttpException whose cause keeps the parser's `type`.
  const type = stringProperty(err, 'type') ?? stringProperty(propertyOf(err, 'cause'), 'type');
  const status = httpStatusOf(err);
  const refusal = (type === undefined ? undefined : REFUSAL_BY_PARSER_TYPE.get(type)) ?? (status === undefined ? undefined : REFUSAL_BY_STATUS.get(status));
  if (refusal) return answer(HTTP_REFUSALS[refusal].status, refusal, HTTP_REFUSALS[refusal].message);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return answer(status, ResponseErrorCode.BadRequest, 'La solicitud no es válida; revisa los datos enviados.');
  }
  return answer(
    500,
    ResponseErrorCode.InternalError,
    'Ocurrió un error interno; intenta de nuevo y, si persiste, reporta el identificador de solicitud a soporte.',
  );
}
