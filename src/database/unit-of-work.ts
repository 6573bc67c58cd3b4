import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../common/context/request-context';

/**
 * Runs a piece of work in one database transaction. Everything a change must
 * leave behind (the change, its audit events, its outbox rows) is written
 * through the manager handed to `fn`, so it commits or rolls back together.
 *
 * The audit trigger reads who acts from transaction-local settings, set here
 * from the request context (none for the system: seed, importers, jobs).
 */
@Injectable()
export class UnitOfWork {
  constructor(readonly dataSource: DataSource) {}

  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const ctx = RequestContext.current();
      if (ctx) {
        await em.query(
          `SELECT set_config('asm.actor_id', $1, true), set_config('asm.actor_roles', $2, true),
                  set_config('asm.request_id', $3, true), set_config('asm.ip_address', $4, true)`,
          [ctx.actor?.id ?? '', (ctx.actor?.roles ?? []).join(','), ctx.requestId, ctx.ip ?? ''],
        );
      }
      return fn(em);
    });
  }
}
