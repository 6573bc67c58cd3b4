import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { PolicyAction, SubjectName } from './policy';

export const PERMISSION_KEY = 'asm:permission';
export const PUBLIC_KEY = 'asm:public';

export interface RoutePermission {
  action: PolicyAction;
  subject: SubjectName;
}

/**
 * Every route declares what it needs: a permission checked before the handler
 * (the record-level check follows in the service), or @Public().
 */
export function Permission(action: PolicyAction, subject: SubjectName): MethodDecorator {
  return applyDecorators(SetMetadata(PERMISSION_KEY, { action, subject } satisfies RoutePermission), ApiBearerAuth());
}

/** Any signed-in user (own profile, own password). */
export function Authenticated(): MethodDecorator {
  return applyDecorators(SetMetadata(PERMISSION_KEY, 'authenticated'), ApiBearerAuth());
}

export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}
