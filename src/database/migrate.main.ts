import { runMigrations } from './migrate';

/** `npm run migrate`: applies pending migrations with MIGRATIONS_DATABASE_URL (or DATABASE_URL). */
async function main(): Promise<void> {
  const url = process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Falta DATABASE_URL (o MIGRATIONS_DATABASE_URL): la cadena de conexión a PostgreSQL.');
    process.exit(2);
  }
  const applied = await runMigrations(url, (l) => console.log(l), process.env.MIGRATIONS_DATABASE_URL ? process.env.DATABASE_URL : undefined);
  console.log(applied.length ? `${applied.length} migración(es) aplicada(s).` : 'La base de datos ya está al día.');
}

main().catch((err: unknown) => {
  console.error('No se pudieron aplicar las migraciones:', err instanceof Error ? err.message : err);
  process.exit(1);
});
