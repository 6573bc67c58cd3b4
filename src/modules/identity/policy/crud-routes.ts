import { Body, Query, Type } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../actor';
import { CurrentActor } from './current-actor.decorator';
import { institutionScope, type SubjectName } from './policy';
import { Page, PageQuery } from '../../../common/http/pagination';
import { Route } from './route.decorator';
import { IdParam } from '../../../common/http/uuid-param.pipe';

/** What the generated routes call. */
export interface CrudService {
  /** `institutionId`: the caller's institution scope (null: every institution). */
  list(q: PageQuery, institutionId: string | null): Promise<Page<unknown>>;
  /** `institutionId`: the creator's institution, for the records that belong to one. */
  create(dto: object, institutionId: string | null): Promise<unknown>;
  get(id: string): Promise<unknown>;
  update(id: string, dto: object): Promise<unknown>;
}

interface Operation {
  operationId: string;
  summary: string;
}

/** The four routes of a managed record: list (a page), create, get and update. */
export interface CrudRoutesConfig {
  /** The records' path below the controller's ('evaluations' under api/v1); none: the controller's own. */
  path?: string;
  /** Read to list and get them, create, update. */
  subject: SubjectName;
  /** The record as answered: the page's items, the one created, read or updated. */
  view: Type<unknown>;
  list: Operation & { query: Type<PageQuery> };
  create: Operation & { body: Type<object>; created: string; errors: number[] };
  get: Operation;
  /** Left out where the controller writes its own (another route comes before it in the document). */
  update?: Operation & { body: Type<object>; errors: number[] };
}

// A mixin's base must be typed with a rest parameter of any[] (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ControllerClass = new (...args: any[]) => { readonly service: CrudService };

/**
 * The handlers are generic, so TypeScript records no DTO class for their parameters: the
 * ValidationPipe and OpenAPI read the classes from `design:paramtypes`, given here.
 */
const ParamTypes = (...types: unknown[]): MethodDecorator => Reflect.metadata('design:paramtypes', types);

/**
 * Adds the list, create, get and update routes of a record to a controller whose
 * `service` implements them. They come first in the OpenAPI document, in that order,
 * then the controller's own routes: the class returned extends the controller.
 */
export function CrudRoutes(c: CrudRoutesConfig): <T extends ControllerClass>(controller: T) => T {
  /** 'get', 'get :id'; below a path: 'get evaluations', 'get evaluations/:id'. */
  const route = (method: 'get' | 'post' | 'patch', id?: ':id'): Parameters<typeof Route>[0] => {
    const path = [c.path, id].filter(Boolean).join('/');
    return path ? `${method} ${path}` : method;
  };
  const withUpdate = <T extends ControllerClass>(controller: T, u: NonNullable<CrudRoutesConfig['update']>): T => {
    class Update extends controller {
      @ParamTypes(String, u.body)
      @Route(route('patch', ':id'), ['update', c.subject], { ok: c.view, errors: u.errors })
      @ApiOperation({ operationId: u.operationId, summary: u.summary })
      update(@IdParam() id: string, @Body() dto: object): Promise<unknown> {
        return this.service.update(id, dto);
      }
    }
    return Update;
  };
  return <T extends ControllerClass>(controller: T): T => {
    class Crud extends (c.update ? withUpdate(controller, c.update) : controller) {
      @ParamTypes(c.list.query, Object)
      @Route(route('get'), ['read', c.subject], { page: c.view, errors: [400] })
      @ApiOperation({ operationId: c.list.operationId, summary: c.list.summary })
      list(@Query() q: PageQuery, @CurrentActor() actor: Actor): Promise<Page<unknown>> {
        return this.service.list(q, institutionScope(actor, 'read'));
      }

      @ParamTypes(c.create.body, Object)
      @Route(route('post'), ['create', c.subject], { created: { type: c.view, description: c.create.created }, errors: c.create.errors })
      @ApiOperation({ operationId: c.create.operationId, summary: c.create.summary })
      create(@Body() dto: object, @CurrentActor() actor: Actor): Promise<unknown> {
        return this.service.create(dto, actor.institutionId);
      }

      @ParamTypes(String)
      @Route(route('get', ':id'), ['read', c.subject], { ok: c.view, errors: [400, 404] })
      @ApiOperation({ operationId: c.get.operationId, summary: c.get.summary })
      get(@IdParam() id: string): Promise<unknown> {
        return this.service.get(id);
      }
    }
    // Logs, errors and the route table name the controller, not the mixin.
    Object.defineProperty(Crud, 'name', { value: controller.name });
    return Crud;
  };
}
