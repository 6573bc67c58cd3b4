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

/** PostgreSQL refusals that reach the filter are mapped to the same shape as domain errors. */
function fromDatabase(pg: PgError): { status: number; body: ErrorBody } | undefined {
  const details: ErrorDetail[] = pg.constraint ? [{ message: 'Restricción de la base de datos', constraint: pg.constraint }] : [];
  switch (pg.code) {
    case '23505':
      return {
        status: 409,
        body: { code: CommonErrorCode.Duplicate, message: 'Ya existe un registro con esos datos; usa el existente o cambia el valor repetido.', details },
      };
    case '23503':
      return {
        status: 422,
        body: {
          code: CommonErrorCode.ReferenceNotFound,
          message: 'Un registro referido no existe o sigue en uso; revisa los identificadores enviados.',
          details,
        },
      };
    case '23514':
    case '23502':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return {
        status: 422,
        body: {
          code: ResponseErrorCode.ConstraintViolated,
          message: 'Los datos no cumplen las reglas del registro; corrige los valores y vuelve a intentarlo.',
          details,
        },
      };
    case '40001':
    case '40P01':
      return {
        status: 409,
        body: {
          code: ResponseErrorCode.ConcurrentUpdate,
          message: 'Otra operación modificó los mismos datos al mismo tiempo; vuelve a intentarlo.',
          details: [],
        },
      };
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

/** Maps any thrown value to a status and the one error body of the API. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) {
    return { status: STATUS_BY_KIND[err.kind], body: { code: err.code, message: err.message, details: err.details } };
  }
  if (err instanceof QueryFailedError) {
    const pg = pgErrorOf(err);
    const mapped = pg && fromDatabase(pg);
    if (mapped) return mapped;
  }
  if (databaseUnavailable(err)) {
    return {
      status: 503,
      body: {
        code: ResponseErrorCode.DatabaseUnavailable,
        message:
          'La base de datos no responde en este momento; intenta de nuevo en unos minutos. Si enviabas un cambio, revisa si quedó guardado antes de repetirlo.',
        details: [],
      },
    };
  }
  // Nest wraps body-parser errors in an HttpException whose cause keeps the parser's `type`.
  const type = stringProperty(err, 'type') ?? stringProperty(propertyOf(err, 'cause'), 'type');
  const status = httpStatusOf(err);
  if (type === 'entity.too.large' || status === 413) {
    return {
      status: 413,
      body: { code: ResponseErrorCode.PayloadTooLarge, message: 'La solicitud es demasiado grande; reduce el tamaño del texto o del archivo.', details: [] },
    };
  }
  if (type === 'entity.too.deep') {
    return {
      status: 400,
      body: {
        code: ResponseErrorCode.JsonTooDeep,
        message: `El cuerpo de la solicitud anida demasiados niveles de listas u objetos (máximo ${JSON_MAX_DEPTH}); envía los datos sin anidar de más.`,
        details: [],
      },
    };
  }
  if (type === 'entity.parse.failed') {
    return {
      status: 400,
      body: { code: ResponseErrorCode.MalformedJson, message: 'El cuerpo de la solicitud no es JSON válido; revisa comillas, comas y llaves.', details: [] },
    };
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported' || status === 415) {
    return {
      status: 415,
      body: { code: ResponseErrorCode.UnsupportedMediaType, message: 'Tipo de contenido no admitido; envía JSON con codificación UTF-8.', details: [] },
    };
  }
  if (status === 404) {
    return {
      status: 404,
      body: { code: ResponseErrorCode.RouteNotFound, message: 'La ruta solicitada no existe; consulta la documentación en /api/docs.', details: [] },
    };
  }
  if (status === 405) {
    return {
      status: 405,
      body: { code: ResponseErrorCode.MethodNotAllowed, message: 'Método no permitido en esta ruta; consulta la documentación en /api/docs.', details: [] },
    };
  }
  if (status === 429) {
    return {
      status: 429,
      body: { code: ResponseErrorCode.TooManyRequests, message: 'Demasiadas solicitudes; espera un momento y vuelve a intentarlo.', details: [] },
    };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { code: ResponseErrorCode.BadRequest, message: 'La solicitud no es válida; revisa los datos enviados.', details: [] } };
  }
  return {
    status: 500,
    body: {
      code: ResponseErrorCode.InternalError,
      message: 'Ocurrió un error interno; intenta de nuevo y, si persiste, reporta el identificador de solicitud a soporte.',
      details: [],
    },
  };
}
