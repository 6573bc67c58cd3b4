import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DuplicateError } from '../errors/domain-error';
import { toErrorResponse } from './error-response';

/** A node-postgres error as the driver raises it: an Error with the SQLSTATE in `code`. */
function pgError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('refused'), { code, ...extra });
}

const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('toErrorResponse', () => {
  it('answers a domain error with its kind and code', () => {
    const { status, body } = toErrorResponse(new DuplicateError('Ya existe.', [{ field: 'name', message: 'Repetido.' }]));
    expect(status).toBe(409);
    expect(body).toEqual({ code: 'DUPLICATE', message: 'Ya existe.', details: [{ field: 'name', message: 'Repetido.' }] });
  });

  it('maps PostgreSQL refusals under TypeORM by SQLSTATE, with the constraint', () => {
    expect(toErrorResponse(failed(pgError('23505', { constraint: 'areas_name_key' })))).toMatchObject({
      status: 409,
      body: { code: 'DUPLICATE', details: [{ constraint: 'areas_name_key' }] },
    });
    expect(toErrorResponse(failed(pgError('23503')))).toMatchObject({ status: 422, body: { code: 'REFERENCE_NOT_FOUND', details: [] } });
    expect(toErrorResponse(failed(pgError('22P02')))).toMatchObject({ status: 422, body: { code: 'CONSTRAINT_VIOLATED' } });
    expect(toErrorResponse(failed(pgError('40P01')))).toMatchObject({ status: 409, body: { code: 'CONCURRENT_UPDATE' } });
  });

  it('answers 503 when PostgreSQL cannot be reached, however the driver says it', () => {
    expect(toErrorResponse(failed(pgError('57P01'))).body.code).toBe('DATABASE_UNAVAILABLE');
    expect(toErrorResponse(pgError('ECONNREFUSED')).body.code).toBe('DATABASE_UNAVAILABLE');
    expect(toErrorResponse(new AggregateError([pgError('ECONNREFUSED'), pgError('EHOSTUNREACH')], 'all failed')).status).toBe(503);
    expect(toErrorResponse(new Error('Connection terminated unexpectedly')).status).toBe(503);
  });

  it('maps the HTTP layer: Nest exceptions by status, body-parser errors by type (also when Nest wraps them)', () => {
    expect(toErrorResponse(new NotFoundException()).body.code).toBe('ROUTE_NOT_FOUND');
    expect(toErrorResponse(new PayloadTooLargeException()).body.code).toBe('PAYLOAD_TOO_LARGE');
    const parser = Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed', status: 400, statusCode: 400 });
    expect(toErrorResponse(parser).body.code).toBe('MALFORMED_JSON');
    expect(toErrorResponse(new BadRequestException('bad', { cause: Object.assign(new Error('deep'), { type: 'entity.too.deep' }) })).body.code).toBe(
      'JSON_TOO_DEEP',
    );
    expect(toErrorResponse(Object.assign(new Error('x'), { statusCode: 405 })).body.code).toBe('METHOD_NOT_ALLOWED');
    expect(toErrorResponse(Object.assign(new Error('x'), { status: 418 }))).toMatchObject({ status: 418, body: { code: 'BAD_REQUEST' } });
  });

  it.each([
    ['entity.too.large', 413, 413, 'PAYLOAD_TOO_LARGE'],
    ['entity.too.deep', 400, 400, 'JSON_TOO_DEEP'],
    ['encoding.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['charset.unsupported', 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', 400, 400, 'BAD_REQUEST'],
    [undefined, 415, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [undefined, 429, 429, 'TOO_MANY_REQUESTS'],
    [undefined, 403, 403, 'BAD_REQUEST'],
  ])('answers an HTTP-layer error of type %s and status %i with %i %s', (type, status, answered, code) => {
    expect(toErrorResponse(Object.assign(new Error('refused'), { type, status }))).toMatchObject({ status: answered, body: { code, details: [] } });
  });

  it('builds a new body for every answer (the filter adds the request id to it)', () => {
    const first = toErrorResponse(new NotFoundException());
    first.body.requestId = 'r1';
    expect(toErrorResponse(new NotFoundException()).body).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: 'La ruta solicitada no existe; consulta la documentación en /api/docs.',
      details: [],
    });
  });

  it('answers 500 for anything else, thrown values that are not errors included', () => {
    expect(toErrorResponse(new TypeError('bug')).body.code).toBe('INTERNAL_ERROR');
    expect(toErrorResponse('a string').status).toBe(500);
    expect(toErrorResponse(undefined).status).toBe(500);
    expect(toErrorResponse(Object.assign(new Error('x'), { status: '404' })).status).toBe(500);
  });
});
