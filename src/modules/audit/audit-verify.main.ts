import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ChainAnchor, verifyAuditChain } from './audit-verifier';

/**
 * `npm run audit:verify [-- --ancla <secuencia>:<hash> …]`: checks the whole hash chain and every
 * recorded anchor (plus any kept outside the system); exit 0 if intact, 1 naming the first broken link.
 */
async function main(): Promise<void> {
  const url = process.env.AUDIT_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('Falta DATABASE_URL: la cadena de conexión a PostgreSQL.');
    process.exit(2);
  }
  const { values } = parseArgs({ options: { ancla: { type: 'string', multiple: true } } });
  const external: ChainAnchor[] = [];
  for (const a of values.ancla ?? []) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(a.trim());
    if (!m) {
      console.error(`Ancla no válida "${a}": escríbela como <secuencia>:<hash de 64 caracteres hexadecimales>, como la imprime esta herramienta.`);
      process.exit(2);
    }
    external.push({ seq: Number(m[1]), hash: m[2], label: `el ancla ${a.trim()} indicada en la línea de comandos` });
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    const result = await verifyAuditChain(client, 5000, external);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`Bitácora íntegra: ${result.checked} eventos verificados en ${secs} s; ${result.anchors} ancla(s) coinciden.`);
      console.log(
        `Último evento: ${result.head!.seq}:${result.head!.hash} (guárdalo fuera del sistema y verifica después con --ancla ${result.head!.seq}:${result.head!.hash}).`,
      );
    } else {
      console.error(
        `Bitácora alterada: el primer eslabón roto es el ${result.broken!.seq}: ${result.broken!.reason}. (${result.checked} eventos anteriores verificados.)`,
      );
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
