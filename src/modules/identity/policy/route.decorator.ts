import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiResponseOptions } from '@nestjs/swagger';
import { Authenticated, Permission, Public } from './permission.decorator';
import type { PolicyAction, SubjectName } from './policy';
import { ApiErrors } from '../../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../../common/http/api-responses.decorator';

const METHODS = { get: Get, post: Post, patch: Patch, put: Put, delete: Delete } as const;
type Method = keyof typeof METHODS;

/** Who may call it: the holders of a permission ([action, subject]), any signed-in user, or anyone. */
type Access = [PolicyAction, SubjectName] | 'authenticated' | 'public';

type ViewType = Type<unknown> | [Type<unknown>];
/** A view class (or [view class] for an array), with the response's description where it has one. */
type ResponseSpec = ViewType | { type: ViewType; description: string };

export interface RouteResponses {
  /** 200 with this body. */
  ok?: ResponseSpec;
  /** 201 with this body. */
  created?: ResponseSpec;
  /** 200 with a page of these items (common/http/pagination.ts). */
  page?: Type<unknown>;
  /** 204 without a body: the response's description. */
  noContent?: string;
  /** The HTTP status when it is not the method's default (@HttpCode). */
  status?: number;
  /** The error answers besides 401 and 403 (@ApiErrors). */
  errors?: number[];
}

function responseOptions(spec: ResponseSpec): ApiResponseOptions {
  return typeof spec === 'function' || Array.isArray(spec) ? { type: spec } : { type: spec.type, description: spec.description };
}

/**
 * A route in one line: its method and path ('get', 'patch :id'), who may call it
 * (@Permission, @Authenticated or @Public) and its answers; the operation (@ApiOperation) goes beside it.
 * It applies the decorators it stands for in the order they ran when stacked, so the
 * OpenAPI document is the same as with the stack.
 */
export function Route(route: Method | `${Method} ${string}`, access: Access, responses: RouteResponses): MethodDecorator {
  const [method, path] = route.split(' ') as [Method, string | undefined];
  const decorators: MethodDecorator[] = [ApiErrors(...(responses.errors ?? []))];
  if (responses.ok) decorators.push(ApiOkResponse(responseOptions(responses.ok)));
  if (responses.created) decorators.push(ApiCreatedResponse(responseOptions(responses.created)));
  if (responses.page) decorators.push(ApiPageResponse(responses.page));
  if (responses.noContent !== undefined) decorators.push(ApiNoContentResponse({ description: responses.noContent }));
  if (responses.status !== undefined) decorators.push(HttpCode(responses.status));
  decorators.push(METHODS[method](path), access === 'public' ? Public() : access === 'authenticated' ? Authenticated() : Permission(...access));
  return applyDecorators(...decorators);
}
