import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { toolsModule } from '../../src/core.module';
import { runMigrations } from '../../src/database/migrate';
import { SYSTEM_ACTOR } from '../../src/modules/identity/actor';
import { ImportService } from '../../src/modules/intake/import.service';
import { BenchContext, Measurement } from '../context';
import { ADMIN_URL, dbUrl, ROOT } from '../database';
import { fmt, say, timed } from '../util';

/** B8 imports into a database of its own, made empty for each run. */
const IMPORT_DB = 'asm_bench_import';

/** B8: importing SHCP's ASM file into an empty database, against only parsing the CSV. */
export const b8Import: Measurement = {
  id: 'B8',
  async run(ctx: BenchContext) {
    say('B8: importar el archivo de ASM de SHCP …');
    const content = readFileSync(join(ROOT, 'test', 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv'));
    const parseOnly = await timed(() =>
      Promise.resolve(parseCsv<Record<string, string>>(content, { columns: true, relax_column_count: true, bom: true }).length),
    );
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${IMPORT_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${IMPORT_DB}`);
    await admin.end();
    await runMigrations(dbUrl(IMPORT_DB), () => undefined, dbUrl(IMPORT_DB, 'asm_app'));
    const config = new AppConfig({ ...ctx.env, DATABASE_URL: dbUrl(IMPORT_DB, 'asm_app') });
    const app = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
    try {
      const run = await timed(() =>
        app.get(ImportService).run({ source: 'shcp', content, fileName: 'aspectos_susceptibles_mejora.csv', dryRun: false, actor: SYSTEM_ACTOR }),
      );
      const r = run.result;
      const accounted = r.asmsRead + r.rowsSkipped === r.rowsRead;
      return {
        id: 'B8',
        what: `Importar el archivo de ASM de SHCP (${fmt(r.rowsRead)} filas)`,
        measured: `${fmt(run.ms)} ms; ${fmt(r.created.asms)} ASM importados, ${fmt(r.rowsSkipped)} filas reportadas`,
        baseline: `${fmt(parseOnly.ms)} ms (solo leer el CSV)`,
        ratio: run.ms / parseOnly.ms,
        target: '≤ 5 s ; toda fila importada o reportada',
        pass: run.ms <= 5000 && accounted && r.applied,
      };
    } finally {
      await app.close();
    }
  },
};
