import { Injectable } from '@nestjs/common';
import { escapeLiteral, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../common/context/request-context';

/**
 * Runs a piece of work in one database transaction. Everything a change must
 * leave behind (the change, its audit events, its outbox rows) is written
 * through the manager handed to `fn`, so it commits or rolls back together.
 *
 * The audit trigger reads who acts from transaction-local settings, set here
 * from the request context (none for the system: seed, importers, jobs). They
 * travel with START TRANSACTION in one round trip (a multi-statement simple
 * query, so the values are escaped literals); the query runner is marked as
 * in a transaction so that any TypeORM operation on `em` joins it. See
 * docs/decisions/0014-performance.md.
 */
@Injectable()
export class UnitOfWork {
  constructor(readonly dataSource: DataSource) {}

  async run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    // The interface declares it read-only; the runner itself reads it to decide whether to open its own transaction.
    const state = runner as { isTransactionActive: boolean };
    let open = true;
    try {
      await client.query(`START TRANSACTION;${UnitOfWork.contextSql()}`);
      state.isTransactionActive = true;
      const result = await fn(runner.manager);
      open = false;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      state.isTransactionActive = false;
      await runner.release();
    }
  }

  private static contextSql(): string {
    const ctx = RequestContext.current();
    if (!ctx) return '';
    const set = (name: string, value: string) => `set_config('asm.${name}', ${escapeLiteral(value)}, true)`;
    return ` SELECT ${[
      set('actor_id', ctx.actor?.id ?? ''),
      set('actor_roles', (ctx.actor?.roles ?? []).join(',')),
      set('request_id', ctx.requestId),
      set('ip_address', ctx.ip ?? ''),
    ].join(', ')}`;
  }
}
