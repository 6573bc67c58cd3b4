import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/env.schema';
import { toolsModule } from '../core.module';
import { seedDemo } from './seed';

/** `node dist/src/demo/seed.main.js`: loads the demo data into DATABASE_URL (docker compose runs it once). */
async function main(): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(toolsModule(new AppConfig()), { logger: ['error', 'warn', 'log'] });
  try {
    await seedDemo(ctx);
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
