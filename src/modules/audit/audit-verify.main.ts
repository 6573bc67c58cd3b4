import { Client } from 'pg';
import { verifyAuditChain } from './audit-verifier';

/** `npm run audit:verify`: checks the whole hash chain; exit 0 if intact, 1 naming the first broken link. */
async function main(): Promise<void> {
  const url = process.env.AUDIT_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Falta DATABASE_URL: la cadena de conexión a PostgreSQL.');
    process.exit(2);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    const result = await verifyAuditChain(client);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`Bitácora íntegra: ${result.checked} eventos verificados en ${secs} s.`);
    } else {
      console.error(`Bitácora alterada: el primer eslabón roto es el ${result.broken!.seq}: ${result.broken!.reason}. (${result.checked} eventos anteriores verificados.)`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error('No se pudo verificar la bitácora:', err instanceof Error ? err.message : err);
  process.exit(2);
});
