import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, DECORATORS } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/http/api-errors.decorator';
import { BEARER_SCHEME } from '../../../openapi';
import type { PolicyAction, SubjectName } from './policy';

export const PERMISSION_KEY = 'asm:permission';
export const PUBLIC_KEY = 'asm:public';

export interface RoutePermission {
  action: PolicyAction;
  subject: SubjectName;
}

/*
 * The same decorators document the route's security in OpenAPI: a bearer token
 * (and the 401/403 answers) where a session is needed, none where it is public.
 */

/**
 * Every route declares what it needs: a permission checked before the handler
 * (the record-level check follows in the service), or @Public().
 */
export function Permission(action: PolicyAction, subject: SubjectName): MethodDecorator {
  return applyDecorators(SetMetadata(PERMISSION_KEY, { action, subject } satisfies RoutePermission), ApiBearerAuth(BEARER_SCHEME), ApiErrors(401, 403));
}

/** Any signed-in user (own profile, own password). */
export function Authenticated(): MethodDecorator {
  return applyDecorators(SetMetadata(PERMISSION_KEY, 'authenticated'), ApiBearerAuth(BEARER_SCHEME), ApiErrors(401));
}

export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiNoSecurity());
}

/** OpenAPI `security: []`: the operation needs no token (merged into the operation, whatever order the decorators run in). */
function ApiNoSecurity(): MethodDecorator & ClassDecorator {
  const mark = (handler: object): void => {
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...Reflect.getMetadata(DECORATORS.API_OPERATION, handler), security: [] }, handler);
  };
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      mark(descriptor.value as object);
      return;
    }
    const proto = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof proto[name] === 'function') mark(proto[name]);
    }
  };
}
