import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/env.schema';
import { toolsModule } from '../core.module';
import { ProgramsService } from '../modules/catalog/programs.service';
import { SYSTEM_ACTOR } from '../modules/identity/actor';
import { CORTE_DOCUMENTS, CorteDocument, DocumentFormat, DocumentsService, FORMATS } from '../modules/reporting/documents/documents.service';
import { ImportReport } from '../modules/intake/import-model';
import { ImportService } from '../modules/intake/import.service';
import { monthYearLabel } from '../modules/reporting/reporting.types';
import { listCortes as readCortes } from './cli.repository';
import { CortesService } from '../modules/reporting/cortes.service';

/*
 * The evaluation unit's batch work from a terminal, with the same services as
 * the API (acting as the system: the bitácora records these changes without a user).
 *
 *   npm run cli -- importar shcp datos/aspectos_susceptibles_mejora.csv [--simular]
 *   npm run cli -- importar oficial avance-2022-09.txt --ramo 19 --institucion IMSS [--simular]
 *   npm run cli -- reporte Septiembre-2022 --documento avance-institucional --formato xlsx [--programa S-038] [--salida archivo]
 *   npm run cli -- cortes
 *   npm run cli -- documentos-registrar --corte <id|AAAA-MM|Septiembre-2022>
 */
const HELP = `Uso:
  npm run cli -- importar shcp <archivo.csv> [--simular]
  npm run cli -- importar oficial <archivo.txt|archivo.xlsx> --ramo <clave> --institucion <siglas> [--nombre-ramo <texto>] [--nombre-institucion <texto>] [--simular]
  npm run cli -- reporte <corte, p. ej. Septiembre-2022> [--documento ${CORTE_DOCUMENTS.join('|')}] [--formato ${FORMATS.join('|')}] [--programa S-038] [--salida <archivo>]
  npm run cli -- cortes
  npm run cli -- documentos-registrar --corte <id|AAAA-MM|Septiembre-2022>

Requiere DATABASE_URL (y REDIS_URL, JWT_SECRET como la API).`;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function context(): Promise<INestApplicationContext> {
  const config = new AppConfig({ LOG_LEVEL: 'warn', JWT_SECRET: 'x'.repeat(32), REDIS_URL: 'redis://127.0.0.1:6379', ...process.env });
  return NestFactory.createApplicationContext(toolsModule(config), { logger: ['error', 'warn'] });
}

function printReport(r: ImportReport): void {
  say(`Archivo: ${r.source}${r.dryRun ? ' (simulación: no se escribió nada)' : ''}`);
  say(`Filas leídas: ${r.rowsRead}; ASM reconocidos: ${r.asmsRead}; acciones: ${r.rowsAccepted}.`);
  const c = r.created;
  say(
    `${r.dryRun ? 'Se crearían' : 'Creados'}: ${c.asms} ASM, ${c.actions} acciones, ${c.programs} programas, ${c.institutions} instituciones, ${c.ramos} ramos, ${c.areas} áreas, ${c.cycles} periodos, ${c.evaluations} evaluaciones, ${c.cortes} cortes.`,
  );
  say(`ASM ${r.dryRun ? 'que se actualizarían' : 'actualizados'}: ${r.updatedAsms}; sin cambios: ${r.unchangedAsms}.`);
  if (r.problems.length) {
    say(`Problemas (${r.problems.length})${r.rowsSkipped ? `; filas no importadas: ${r.rowsSkipped}` : ''}:`);
    for (const p of r.problems.slice(0, 200)) say(`  fila ${p.row ?? '-'}${p.column ? `, ${p.column}` : ''}: ${p.problem}`);
    if (r.problems.length > 200) say(`  … y ${r.problems.length - 200} más (usa la API para el reporte completo).`);
  }
}

async function importar(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      simular: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      ramo: { type: 'string' },
      'nombre-ramo': { type: 'string' },
      institucion: { type: 'string' },
      'nombre-institucion': { type: 'string' },
    },
  });
  const [source, file] = positionals;
  if ((source !== 'shcp' && source !== 'oficial') || !file) {
    say(HELP);
    return 2;
  }
  if (source === 'oficial' && (!values.ramo || !values.institucion)) {
    say('Para el formato oficial indica --ramo y --institucion: el documento no los imprime.');
    return 2;
  }
  const content = await readFile(file);
  const app = await context();
  try {
    const report = await app.get(ImportService).run({
      source,
      content,
      fileName: basename(file),
      dryRun: values.simular || values['dry-run'],
      options: values.ramo
        ? { ramoCode: values.ramo, ramoName: values['nombre-ramo'], institutionAcronym: values.institucion!, institutionName: values['nombre-institucion'] }
        : undefined,
      actor: SYSTEM_ACTOR,
      progress: (done, total) => process.stderr.write(`\rEscribiendo ASM: ${done}/${total}${done === total ? '\n' : ''}`),
    });
    printReport(report);
    if (!report.dryRun && !report.applied && report.problems.length) {
      say('No se importó nada: corrige los problemas y vuelve a intentarlo.');
      return 1;
    }
    return 0;
  } finally {
    await app.close();
  }
}

async function reporte(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      documento: { type: 'string', default: 'avance-institucional' },
      formato: { type: 'string', default: 'xlsx' },
      programa: { type: 'string' },
      salida: { type: 'string' },
    },
  });
  const [corteRef] = positionals;
  if (!corteRef || !(CORTE_DOCUMENTS as readonly string[]).includes(values.documento) || !(FORMATS as readonly string[]).includes(values.formato)) {
    say(HELP);
    return 2;
  }
  const app = await context();
  try {
    const cortes = await readCortes(app.get(DataSource));
    const corte = cortes.find((c) => c.id === corteRef || monthYearLabel(c.month, c.year).toLowerCase() === corteRef.toLowerCase());
    if (!corte) {
      say(`No existe el corte "${corteRef}". Cortes: ${cortes.map((c) => monthYearLabel(c.month, c.year)).join(', ') || 'ninguno'}.`);
      return 1;
    }
    let programId: string | undefined;
    if (values.programa) {
      programId = await app.get(ProgramsService).findIdByKey(values.programa);
      if (!programId) {
        say(`No existe el programa ${values.programa}.`);
        return 1;
      }
    }
    const docs = app.get(DocumentsService);
    const doc = await docs.corteDocument({
      corteId: corte.id,
      kind: values.documento as CorteDocument,
      format: values.formato as DocumentFormat,
      programId,
      actor: SYSTEM_ACTOR,
    });
    const out = values.salida ?? doc.fileName;
    await pipeline(createReadStream(doc.path), createWriteStream(out));
    await doc.dispose();
    say(`${doc.preview ? 'Vista preliminar (corte abierto)' : 'Documento'} escrito en ${out} (${doc.sizeBytes} bytes, SHA-256 ${doc.sha256}).`);
    return 0;
  } finally {
    await app.close();
  }
}

async function listCortes(): Promise<number> {
  const app = await context();
  try {
    const rows = await readCortes(app.get(DataSource));
    for (const r of rows) console.log(`${monthYearLabel(r.month, r.year)}\t${r.status}${r.snapshotRows !== null ? `\t${r.snapshotRows} filas` : ''}`);
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Produces and records again the documents of record of a closed cut, as the worker does once it closes (e.g. after
 * an upgrade that changed a format's writer: the differences are kept as revisions). Exit 1 if one differs from
 * its record with no newer writer to explain it.
 */
async function documentosRegistrar(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { corte: { type: 'string' } } });
  if (!values.corte) {
    say(HELP);
    return 2;
  }
  const app = await context();
  try {
    const named = await app.get(CortesService).named(values.corte);
    if (named.length === 0) {
      say(`No existe el corte "${values.corte}".`);
      return 1;
    }
    if (named.length > 1) {
      say(`"${values.corte}" nombra ${named.length} cortes (uno por institución); indica su id:`);
      for (const c of named) say(`  ${c.id}	${c.institution}	${monthYearLabel(c.month, c.year)}	${c.status}`);
      return 1;
    }
    const [corte] = named;
    if (corte.status !== 'cerrado') {
      say(
        `El corte ${monthYearLabel(corte.month, corte.year)} (${corte.institution}) está ${corte.status}: solo un corte cerrado tiene documentos de registro.`,
      );
      return 1;
    }
    say(`Registrando los documentos del corte ${monthYearLabel(corte.month, corte.year)} (${corte.institution})…`);
    const recorded = await app.get(DocumentsService).recordCut(corte.id);
    const outcome = {
      registrado: 'registrado',
      revisado: 'revisado: versión nueva de su formato, la anterior queda como revisión',
      distinto: 'DISTINTO del registrado (sin versión nueva que lo explique)',
    };
    for (const d of recorded) say(`  ${d.kind}.${d.format}	${d.sha256}	${outcome[d.outcome]}`);
    return recorded.some((d) => d.outcome === 'distinto') ? 1 : 0;
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'importar':
    case 'import':
      return importar(rest);
    case 'reporte':
    case 'report':
      return reporte(rest);
    case 'cortes':
      return listCortes();
    case 'documentos-registrar':
      return documentosRegistrar(rest);
    default:
      say(HELP);
      return command ? 2 : 0;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(err instanceof ConfigError ? err.message : `Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
