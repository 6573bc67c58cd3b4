import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { MIGRATIONS } from './migrations';

// Calendar dates stay 'YYYY-MM-DD' strings (no time zone can shift them);
// bigint counts and sequence numbers fit in a JS number.
types.setTypeParser(types.builtins.DATE, (v) => v);
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export interface DbOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function dataSourceOptions(o: DbOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: o.applicationName ?? 'asm-seguimiento',
    extra: {
      max: o.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // A crashed request must not hold locks forever.
      idle_in_transaction_session_timeout: 60000,
    },
  };
}
