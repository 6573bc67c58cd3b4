import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { API_CONTROLLERS } from '../../src/api.module';
import { PERMISSION_KEY, PUBLIC_KEY, RoutePermission } from '../../src/modules/identity/policy/permission.decorator';

export interface RouteInfo {
  /** "GET /api/v1/asms/:id" */
  key: string;
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  permission: RoutePermission | 'authenticated' | undefined;
  /** The classes its JSON body and its query string are validated against (login's body: what its OpenAPI documents). */
  body?: new () => object;
  query?: new () => object;
  /** Headers the operation documents as required (the web session routes' CSRF header). */
  requiredHeaders: string[];
}

/** Nest's RouteParamtypes.BODY and .QUERY (the enum is not exported from the package root). */
const BODY = 3;
const QUERY = 4;

function inputs(type: object, name: string, handler: object): Pick<RouteInfo, 'body' | 'query'> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type.constructor, name) ?? {}) as Record<string, { index: number }>;
  const types = (Reflect.getMetadata('design:paramtypes', type, name) ?? []) as (new () => object)[];
  const of = (kind: number) => Object.entries(args).find(([key]) => Number(key.split(':')[0]) === kind)?.[1];
  const body = of(BODY);
  const query = of(QUERY);
  const documented = ((Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as { in: string; type?: new () => object }[]).find(
    (p) => p.in === 'body',
  )?.type;
  // A body documented by a schema of its own (multipart uploads) has no model class.
  const documentedClass = documented && Reflect.hasMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, documented.prototype) ? documented : undefined;
  return { body: body ? types[body.index] : documentedClass, query: query ? types[query.index] : undefined };
}

/** The application's own route table, read from the controllers the API module mounts. */
export function listRoutes(): RouteInfo[] {
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteInfo[] = [];
  for (const type of API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    const proto = type.prototype as unknown as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...a: unknown[]) => unknown;
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({
        key: `${method} ${path}`,
        method,
        path,
        controller: type.name,
        handler: name,
        isPublic: Boolean(reflector.getAllAndOverride(PUBLIC_KEY, [handler, type])),
        permission: reflector.getAllAndOverride(PERMISSION_KEY, [handler, type]),
        ...inputs(type.prototype, name, handler),
        // A method's @ApiHeader is stored among its parameters.
        requiredHeaders: ((Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as { in: string; name: string; required?: boolean }[])
          .filter((p) => p.in === 'header' && p.required)
          .map((p) => p.name),
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
