import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../src/common/clock';
import { Client, createTestApp, TestApp } from './support/app';
import { binary, csvRows, readDocument, squish, xlsxRows } from './support/documents';

const SAMPLE = readFileSync(join(__dirname, 'fixtures', 'reference', 'avance-documento-institucional-imss-bienestar-2022-09.txt'));
const IMPORT =
  '/api/v1/imports/oficial?ramo=19&institucion=IMSS&nombreInstitucion=Instituto%20Mexicano%20del%20Seguro%20Social&nombreRamo=Aportaciones%20a%20Seguridad%20Social';
const PROGRESS_SENTENCE = 'cuyo avance es menor al 100%';

function pdfText(buf: Buffer): string {
  const file = join(tmpdir(), `asm-compromisos-${process.pid}.pdf`);
  writeFileSync(file, buf);
  return squish(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** The Documento Institucional / de Trabajo of a cycle: the commitments, printed the same on every download. */
describe('commitment documents of a cycle', () => {
  let t: TestApp;
  let evaluacion: Client;
  let cycleId: string;
  const path = (kind: string, format: string) => `/api/v1/cycles/${cycleId}/documents/${kind}?format=${format}`;
  const get = async (kind: string, format: string) => (await binary(evaluacion.get(path(kind, format))).expect(200)).body as Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    // The sample is IMSS's: make it the evaluation unit's (default) institution, so the import lands in it.
    await t.db.query(`UPDATE institutions SET acronym = 'IMSS', name = 'Instituto Mexicano del Seguro Social' WHERE is_default`);
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    await evaluacion.upload(IMPORT, SAMPLE, 'avance.txt').expect(200);
    cycleId = (await evaluacion.get('/api/v1/cycles').expect(200)).body.find((c: { label: string }) => c.label === '2021-2022').id;
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives the same bytes on every download, in XLSX, PDF and CSV, even years later', async () => {
    const clock = t.app.get(Clock);
    for (const format of ['xlsx', 'pdf', 'csv']) {
      const first = await get('documento-institucional', format);
      // Apart by more than the 2-second resolution of zip timestamps, then years later: no clock may leak into the bytes.
      await new Promise((r) => setTimeout(r, 2100));
      const second = await get('documento-institucional', format);
      clock.setNow(new Date('2030-06-15T12:00:00Z'));
      try {
        const later = await get('documento-institucional', format);
        expect(second.equals(first)).toBe(true);
        expect(later.equals(first)).toBe(true);
      } finally {
        clock.setNow(undefined);
      }
    }
  });

  it('prints the cycle’s year as Año de elaboración, whatever the date of the download', async () => {
    const clock = t.app.get(Clock);
    clock.setNow(new Date('2030-06-15T12:00:00Z'));
    try {
      const doc = readDocument(csvRows(await get('documento-institucional', 'csv')));
      expect(doc.footer).toContain('Año de elaboración: 2021');
      expect(doc.periods[0].rows.length).toBeGreaterThan(0);
      const text = pdfText(await get('documento-institucional', 'pdf'));
      expect(text).toContain('Año de elaboración: 2021');
      expect(text).not.toContain('Año de elaboración: 2030');
    } finally {
      clock.setNow(undefined);
    }
  });

  it('gives a new edition when a commitment changes, and the same bytes again after that', async () => {
    const before = await get('documento-institucional', 'pdf');
    await t.db.query(
      `UPDATE actions SET expected_results = expected_results || ' (ajustado)', updated_at = now()
        WHERE asm_id = (SELECT a.id FROM asms a JOIN cycles c ON c.id = a.cycle_id WHERE c.label = '2021-2022' AND a.classification = 'institucional' ORDER BY a.seq LIMIT 1)`,
    );
    const after = await get('documento-institucional', 'pdf');
    expect(after.equals(before)).toBe(false);
    expect(pdfText(after)).toContain('(ajustado)');
    expect((await get('documento-institucional', 'pdf')).equals(after)).toBe(true);
  });

  it('does not print the progress sentence in a Documento de Trabajo without ASMs', async () => {
    const doc = readDocument(csvRows(await get('documento-trabajo', 'csv')));
    expect(doc.periods).toEqual([
      { periodo: '2021-2022', rows: [], sentence: 'No se comprometieron aspectos susceptibles de mejora clasificados como específicos en este periodo.' },
    ]);
    expect(doc.footer).toContain('Año de elaboración: 2021');
    const text = pdfText(await get('documento-trabajo', 'pdf'));
    expect(text).toContain('No se comprometieron aspectos susceptibles de mejora clasificados como específicos en este periodo.');
    expect(text).not.toContain(PROGRESS_SENTENCE);
    const sheet = (await xlsxRows(await get('documento-trabajo', 'xlsx'))).flat().join(' ');
    expect(sheet).toContain('No se comprometieron aspectos susceptibles de mejora clasificados como específicos en este periodo.');
    expect(sheet).not.toContain(PROGRESS_SENTENCE);
    expect((await get('documento-trabajo', 'csv')).toString('utf8')).not.toContain(PROGRESS_SENTENCE);
  });
});
