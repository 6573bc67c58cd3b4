import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** A page of a list (common/http/pagination.ts): its items and where they sit in the whole. */
export function ApiPageResponse(item: Type<unknown>, description = 'Una página de resultados.'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'page', 'pageSize', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          page: { type: 'integer', minimum: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100 },
          total: { type: 'integer', minimum: 0, description: 'Registros en total con los filtros dados.' },
        },
      },
    }),
  );
}

/** A file sent as the body (download), in one of the given media types. */
export function ApiFileResponse(description: string, mediaTypes: readonly string[], headers: Record<string, string> = {}): MethodDecorator {
  return ApiResponse({
    status: 200,
    description,
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
    headers: {
      'Content-Disposition': { description: 'attachment con el nombre del archivo (RFC 6266, filename* en UTF-8).', schema: { type: 'string' } },
      ...Object.fromEntries(Object.entries(headers).map(([name, d]) => [name, { description: d, schema: { type: 'string' } }])),
    },
  });
}
