import 'reflect-metadata';
import { createApiApp } from './bootstrap';
import { AppConfig } from './config/app-config';
import { ConfigError } from './config/env.schema';
import { assertDatabaseReady } from './database/schema-check';

async function main(): Promise<void> {
  const config = new AppConfig();
  await assertDatabaseReady(config.get('DATABASE_URL'));
  const app = await createApiApp(config);
  await app.listen(config.get('PORT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
