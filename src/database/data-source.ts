import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run typeorm -- migration:show`). */
export default new DataSource(
  dataSourceOptions({ url: process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/asm' }),
);
