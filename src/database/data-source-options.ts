import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

// Calendar dates stay 'YYYY-MM-DD' strings (no time zone can shift them);
// bigint counts and sequence numbers fit in a JS number.
types.setTypeParser(types.builtins.DATE, (v) => v);
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export interface DbOptions {
  url: string;
  poolSize?: number;
  /** How long a transaction may sit idle before PostgreSQL ends its session (ms). */
  idleTransactionTimeoutMs?: number;
  applicationName?: string;
}

export function dataSourceOptions(o: DbOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    // No entity classes: repositories type the rows of their own SQL (docs/decisions/0043-row-types.md).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: o.applicationName ?? 'asm-seguimiento',
    extra: {
      max: o.poolSize ?? 10,
      // Connections stay open once made (pg closes them after 10 s idle by default): the first requests after a
      // quiet spell would otherwise wait for new backends, their authentication and their prepared statements.
      // A connection PostgreSQL ends is dropped by the pool and made again on demand (0052).
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: 5000,
      // A crashed request must not hold locks forever.
      idle_in_transaction_session_timeout: o.idleTransactionTimeoutMs ?? 60_000,
    },
  };
}
