import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, Reflector } from '@nestjs/core';
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
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}
