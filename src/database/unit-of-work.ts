import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a piece of work in one database transaction. Everything a change must
 * leave behind (the change, its audit events, its outbox rows) is written
 * through the manager handed to `fn`, so it commits or rolls back together.
 */
@Injectable()
export class UnitOfWork {
  constructor(readonly dataSource: DataSource) {}

  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', fn);
  }
}
