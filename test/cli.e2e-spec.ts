import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appForTests } from './support/app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const SAMPLE = join(__dirname, 'fixtures', 'reference', 'avance-documento-institucional-imss-bienestar-2022-09.txt');

/** The evaluation unit's command line, run as a user would (compiled, against a real database). */
describe('npm run cli', () => {
  const t = appForTests();

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'cli.js'), ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.config.get('DATABASE_URL'), REDIS_URL: t.config.get('REDIS_URL') },
      });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }

  // One step per test, in order on the same database (each starts the CLI, a whole Nest context, at most twice: a test's
  // 60 s hold on a loaded machine).
  it('asks for --ramo and --institucion, and simulates an import of the official format without writing', async () => {
    const usage = await cli('importar', 'oficial', SAMPLE);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('indica --ramo y --institucion');

    const dry = await cli('importar', 'oficial', SAMPLE, '--ramo', '19', '--institucion', 'IMSS', '--simular');
    expect(dry.code).toBe(0);
    expect(dry.err).toContain('(simulación: no se escribió nada)');
    expect(dry.err).toContain('Se crearían: 8 ASM, 8 acciones');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM asms`)).rows[0].n).toBe(0);
  });

  it('imports it for real, as the system in the bitácora, and lists its cut', async () => {
    const real = await cli(
      'importar',
      'oficial',
      SAMPLE,
      '--ramo',
      '19',
      '--institucion',
      'IMSS',
      '--nombre-institucion',
      'Instituto Mexicano del Seguro Social',
    );
    expect(real.code).toBe(0);
    expect(real.err).toContain('Creados: 8 ASM, 8 acciones');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM asms`)).rows[0].n).toBe(8);
    // The bitácora records the import, as the system.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'asms' AND actor_id IS NULL`)).rows[0].n).toBe(8);

    const cortes = await cli('cortes');
    expect(cortes.out).toContain('Septiembre-2022\tprogramado');
  });

  it('writes a document of the open cut, and names a cut that does not exist', async () => {
    const out = join(tmpdir(), `asm-cli-${process.pid}.csv`);
    const report = await cli('reporte', 'Septiembre-2022', '--documento', 'avance-institucional', '--formato', 'csv', '--salida', out);
    expect(report.code).toBe(0);
    expect(report.err).toMatch(/^Vista preliminar \(corte abierto\) escrito en .* \(\d+ bytes, SHA-256 [0-9a-f]{64}\)\./m);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('Estandarizar el Programa de Trabajo');

    const missing = await cli('reporte', 'Marzo-1999');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No existe el corte "Marzo-1999"');
  });
});
