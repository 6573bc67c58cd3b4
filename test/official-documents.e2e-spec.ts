import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Clock } from '../src/common/clock';
import { fingerprint } from './support/database';
import { appForTests, Client, createTestApp } from './support/app';
import { binary, csvRows, CUT_DOCUMENTS_OF_RECORD, readDocument, recordClosedCut, squish, xlsxRows } from './support/documents';

const FIXTURES = join(__dirname, 'fixtures', 'reference');
const SAMPLE = readFileSync(join(FIXTURES, 'avance-documento-institucional-imss-bienestar-2022-09.txt'));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'avance-documento-institucional-imss-bienestar-2022-09.expected.json'), 'utf8')) as {
  title: string[];
  corte: string;
  anio_de_elaboracion: string;
  periods: { periodo: string; rows: Record<string, string>[]; sentence?: string }[];
};
const AREA_COLUMNS = ['Área Coordinadora', 'Áreas Responsables'];
const IMPORT =
  '/api/v1/imports/oficial?ramo=19&institucion=IMSS&nombreInstitucion=Instituto%20Mexicano%20del%20Seguro%20Social&nombreRamo=Aportaciones%20a%20Seguridad%20Social';

/** Areas are records: cells are compared as sets of names normalised as the importer does. */
function areaSet(cell: string): string[] {
  return cell
    .split('/')
    .flatMap((p) => p.split(/\.\s+(?=\p{Lu})/u))
    .map((p) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/\.+$/, ''),
    )
    .filter(Boolean)
    .sort();
}

function compareWithSample(doc: ReturnType<typeof readDocument>): string[] {
  const diffs: string[] = [];
  if (doc.title.join('|') !== EXPECTED.title.join('|')) diffs.push(`título: ${doc.title.join(' | ')}`);
  if (!doc.footer.includes(`Año de elaboración: ${EXPECTED.anio_de_elaboracion}`)) diffs.push('falta "Año de elaboración: 2022"');
  if (doc.periods.map((p) => p.periodo).join() !== EXPECTED.periods.map((p) => p.periodo).join()) {
    diffs.push(`periodos: ${doc.periods.map((p) => p.periodo).join()}`);
  }
  EXPECTED.periods.forEach((exp, i) => {
    const got = doc.periods[i];
    if (!got) return;
    if (exp.sentence !== undefined && got.sentence !== exp.sentence) diffs.push(`${exp.periodo}: enunciado "${got.sentence}"`);
    if (got.rows.length !== exp.rows.length) diffs.push(`${exp.periodo}: ${got.rows.length} filas, se esperaban ${exp.rows.length}`);
    exp.rows.forEach((row, j) => {
      for (const [col, value] of Object.entries(row)) {
        const actual = got.rows[j]?.[col] ?? '(falta)';
        const same = AREA_COLUMNS.includes(col) ? areaSet(actual).join('|') === areaSet(value).join('|') : squish(actual) === squish(value);
        if (!same) diffs.push(`${exp.periodo} fila ${j + 1} "${col}": "${actual}" ≠ "${value}"`);
      }
    });
  });
  return diffs;
}

describe('official documents and importers', () => {
  const t = appForTests();
  let evaluacion: Client;
  let admin: Client;
  let corteId: string;

  beforeAll(async () => {
    admin = await t.as(await t.user({ roles: ['administrador'] }));
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    // The deployment's institution is IMSS: the import finds it by its acronym, and its cuts are the users'.
    await t.db.query(`UPDATE institutions SET acronym = 'IMSS', name = 'Instituto Mexicano del Seguro Social' WHERE is_default`);
    await admin.patch('/api/v1/settings/institucion.nombre', {}).expect(404);
  });

  const get = async (c: Client, path: string) => (await binary(c.get(path)).expect(200)).body as Buffer;

  describe('importing the reference sample (text)', () => {
    it('reports what a dry run would do and writes nothing', async () => {
      const before = await fingerprint(t.db);
      const res = await evaluacion.upload(`${IMPORT}&dryRun=true`, SAMPLE, 'avance.txt').expect(200);
      expect(res.body).toMatchObject({ dryRun: true, applied: false, asmsRead: 8, problems: [] });
      expect(res.body.created).toMatchObject({ asms: 8, actions: 8, programs: 1, areas: 6, cycles: 12, cortes: 1 });
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('imports in one transaction, and a second import changes nothing', async () => {
      const first = await evaluacion.upload(IMPORT, SAMPLE, 'avance.txt').expect(200);
      expect(first.body).toMatchObject({ applied: true, problems: [], created: { asms: 8, cycles: 12, cortes: 1 } });
      const before = await fingerprint(t.db);
      const second = await evaluacion.upload(IMPORT, SAMPLE, 'avance.txt').expect(200);
      expect(second.body).toMatchObject({ applied: true, unchangedAsms: 8, updatedAsms: 0, created: { asms: 0, actions: 0, cycles: 0 } });
      expect(await fingerprint(t.db)).toEqual(before);
      // Page-break continuation rows were joined back into the row above.
      const { rows } = await t.db.query(`SELECT observations FROM actions WHERE observations LIKE 'Se crearon dos comunidades%'`);
      expect(rows[0].observations).toBe(EXPECTED.periods[0].rows[1]['Observaciones']);
    });

    it('is refused to other roles', async () => {
      const coord = await t.as(await t.user({ roles: ['coordinador'] }));
      await coord.upload(IMPORT, SAMPLE, 'avance.txt').expect(403);
    });
  });

  describe('the September 2022 cut, closed', () => {
    let atClose: { documents: number; events: unknown[] };

    beforeAll(async () => {
      await admin.put('/api/v1/settings/institucion.nombre', { value: 'Instituto Mexicano del Seguro Social' }).expect(200);
      const corte = (await evaluacion.get('/api/v1/cortes').expect(200)).body.items.find((c: { label: string }) => c.label === 'Septiembre-2022');
      corteId = corte.id;
      const opened = (await evaluacion.post(`/api/v1/cortes/${corteId}/open`, { version: corte.version }).expect(200)).body;
      // An open cut gives a preview, marked as such.
      const preview = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)).expect(200);
      expect(preview.headers['x-vista-previa']).toBe('true');
      expect(preview.headers['content-disposition']).toContain('vista%20preliminar');
      expect((preview.body as Buffer).toString('utf8')).toContain('VISTA PREVIA');
      await evaluacion.post(`/api/v1/cortes/${corteId}/close`, { version: opened.version }).expect(200);
      atClose = {
        documents: (await t.db.query(`SELECT count(*)::int AS n FROM corte_documents WHERE corte_id = $1`, [corteId])).rows[0].n,
        events: (await t.db.query(`SELECT payload FROM outbox WHERE event_type = 'corte.cerrado'`)).rows.map((r) => r.payload),
      };
      // The worker's job on that event.
      await recordClosedCut(t, corteId);
    });

    it('records its documents after it closes (the worker, not the request); downloading them (any kind, format, program) leaves the database as it was', async () => {
      expect(atClose).toEqual({ documents: 0, events: [{ corteId, label: 'Septiembre-2022' }] });
      const recorded = (
        await t.db.query(`SELECT kind, format FROM corte_documents WHERE corte_id = $1 AND program_id IS NULL ORDER BY kind, format`, [corteId])
      ).rows;
      expect(recorded.map((r) => `${r.kind}.${r.format}`)).toEqual(CUT_DOCUMENTS_OF_RECORD);
      const [{ program_id: programId }] = (await t.db.query(`SELECT program_id FROM corte_snapshot_rows WHERE corte_id = $1 LIMIT 1`, [corteId])).rows;
      const before = await fingerprint(t.db);
      for (const kind of ['avance-institucional', 'avance-trabajo']) {
        for (const format of ['xlsx', 'pdf', 'csv']) {
          await get(evaluacion, `/api/v1/cortes/${corteId}/documents/${kind}?format=${format}`);
          await get(evaluacion, `/api/v1/cortes/${corteId}/documents/${kind}?format=${format}&programId=${programId}`);
        }
      }
      await get(evaluacion, `/api/v1/cortes/${corteId}/documents/datos-abiertos?format=csv`);
      await evaluacion.get(`/api/v1/cortes/${corteId}/snapshot`).expect(200);
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('reproduces the sample cell for cell in XLSX (golden test)', async () => {
      const res = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=xlsx`)).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Avance del Documento Institucional - Septiembre-2022.xlsx"; filename*=UTF-8''Avance%20del%20Documento%20Institucional%20-%20Septiembre-2022.xlsx`,
      );
      expect(res.headers['x-vista-previa']).toBe('false');
      const doc = readDocument(await xlsxRows(res.body as Buffer));
      expect(compareWithSample(doc)).toEqual([]);
      // Merged over their rows, landscape, heading row repeated when printed.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.worksheets[0];
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
      const merges = (ws as unknown as { model: { merges: string[] } }).model.merges;
      expect(merges.some((m) => /^A\d+:A\d+$/.test(m))).toBe(true);
      expect(merges.some((m) => /^B\d+:B\d+$/.test(m))).toBe(true);
    });

    it('stores % de avance, Fecha de Término and Promedio as typed cells that display the text the other formats print', async () => {
      const buf = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const TYPED: Record<string, { numFmt: string; type: 'number' | 'date' }> = {
        '% de Avance de la Acción': { numFmt: '0', type: 'number' },
        'Fecha de Término': { numFmt: 'dd/mm/yyyy', type: 'date' },
        Promedio: { numFmt: '0.00%', type: 'number' },
      };
      let columns: [string, number][] = [];
      const seen: Record<string, number> = {};
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (row.getCell(1).value === 'No.') {
          columns = Object.keys(TYPED).map((h) => [h, (row.values as unknown[]).indexOf(h)]);
          continue;
        }
        if (typeof row.getCell(1).value === 'string' && /^(Periodo|Formato|Año)/.test(row.getCell(1).value as string)) columns = [];
        for (const [h, c] of columns) {
          const cell = row.getCell(c);
          if (cell.value === null || cell.value === '') continue; // covered by a merged cell
          expect({ h, numFmt: cell.numFmt, type: cell.value instanceof Date ? 'date' : typeof cell.value }).toEqual({ h, ...TYPED[h] });
          seen[h] = (seen[h] ?? 0) + 1;
        }
      }
      const rows = EXPECTED.periods.flatMap((p) => p.rows);
      expect(seen['% de Avance de la Acción']).toBe(rows.length);
      expect(seen['Fecha de Término']).toBe(rows.length);
      expect(seen.Promedio).toBe(rows.filter((r) => r.Promedio).length);
      // Rendered with their number formats, they read exactly as the CSV's text, row for row.
      const shown = readDocument(await xlsxRows(buf));
      const text = readDocument(csvRows(await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)));
      let compared = 0;
      text.periods.forEach((p, i) =>
        p.rows.forEach((row, j) => {
          for (const h of Object.keys(TYPED)) {
            if (!row[h]) continue;
            expect(`${h}: ${shown.periods[i].rows[j][h]}`).toBe(`${h}: ${row[h]}`);
            compared += 1;
          }
        }),
      );
      expect(compared).toBe(2 * rows.length + rows.filter((r) => r.Promedio).length);
    });

    it('reproduces the sample cell for cell in CSV, UTF-8 with BOM (golden test)', async () => {
      const buf = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`);
      expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(compareWithSample(readDocument(csvRows(buf)))).toEqual([]);
    });

    it('holds every cell text of the sample in the PDF, and the footer on every page', async () => {
      const buf = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=pdf`);
      const file = join(tmpdir(), `asm-golden-${process.pid}.pdf`);
      writeFileSync(file, buf);
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const pages = text.split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThan(1);
      const footer = squish(
        EXPECTED.periods.length ? 'Formato oficial emitido por el Consejo Nacional de Evaluación de la Política de Desarrollo Social (CONEVAL)' : '',
      );
      pages.forEach((p, i) => {
        expect(squish(p)).toContain(footer);
        expect(squish(p)).toContain('Año de elaboración: 2022');
        expect(squish(p)).toContain(`Página ${i + 1} de ${pages.length}`);
      });
      // Page furniture (footer, page numbers, repeated headings) is removed before looking for the cells,
      // because a long cell continues on the next page after it.
      let body = squish(pages.join(' '));
      for (const furniture of [/Formato oficial emitido .*? Administración Pública Federal\./g, /Año de elaboración: 2022/g, /Página \d+ de \d+/g])
        body = body.replace(furniture, ' ');
      const headingRun = Object.keys(EXPECTED.periods[0].rows[0]);
      // A hyphenated word may break across lines ("IMSS-" / "BIENESTAR"): join it back.
      const words = squish(body)
        .replace(/(\S)- /g, '$1-')
        .split(' ');
      const flat = words.join(' ');
      const missing: string[] = [];
      for (const period of EXPECTED.periods) {
        if (period.sentence) expect(flat).toContain(period.sentence);
        for (const row of period.rows) {
          for (const [col, value] of Object.entries(row)) {
            if (!value || AREA_COLUMNS.includes(col)) continue;
            // Cell text may be interrupted by a page break: every word must be there, in order.
            const cellWords = squish(value).split(' ');
            let at = 0;
            for (const w of cellWords) {
              const k = words.indexOf(w, at);
              if (k < 0) {
                missing.push(`${col}: ${value.slice(0, 60)}`);
                break;
              }
              at = k + 1;
            }
          }
        }
      }
      expect(missing).toEqual([]);
      expect(headingRun.every((h) => flat.includes(h.split(' ')[0]))).toBe(true);
    });

    it('produces the same bytes every time and records the SHA-256', async () => {
      for (const format of ['xlsx', 'pdf', 'csv']) {
        const a = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=${format}`)).expect(200);
        // Apart by more than the 2-second resolution of zip timestamps: no clock may leak into the bytes.
        await new Promise((r) => setTimeout(r, 2100));
        const b = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=${format}`)).expect(200);
        const sha = createHash('sha256')
          .update(a.body as Buffer)
          .digest('hex');
        expect(
          createHash('sha256')
            .update(b.body as Buffer)
            .digest('hex'),
        ).toBe(sha);
        expect(a.headers['x-content-sha256']).toBe(sha);
        const { rows } = await t.db.query(
          `SELECT sha256, times_generated FROM corte_documents WHERE corte_id = $1 AND kind = 'avance-institucional' AND format = $2`,
          [corteId, format],
        );
        expect(rows[0].sha256).toBe(sha);
        // Recorded once, when the cut closed: downloads compare with the record and never write.
        expect(rows[0].times_generated).toBe(1);
      }
      // Changing the institution's settings later does not change a closed cut's document.
      const before = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`);
      await admin.put('/api/v1/settings/institucion.nombre', { value: 'Otro nombre' }).expect(200);
      const after = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`);
      expect(after.equals(before)).toBe(true);
      await admin.put('/api/v1/settings/institucion.nombre', { value: 'Instituto Mexicano del Seguro Social' }).expect(200);
    });

    it('is byte-identical a month later (R10), with new settings and a new cycle in between', async () => {
      const recorded = async (format: string) =>
        (
          await t.db.query(`SELECT sha256 FROM corte_documents WHERE corte_id = $1 AND kind = 'avance-institucional' AND format = $2 AND program_id IS NULL`, [
            corteId,
            format,
          ])
        ).rows[0].sha256 as string;
      const clock = t.app.get(Clock);
      clock.setNow(new Date(Date.now() + 31 * 86_400_000));
      try {
        await admin.put('/api/v1/settings/institucion.nombre', { value: 'Nombre de un mes después' }).expect(200);
        await evaluacion.post('/api/v1/cycles', { label: '2030-2031' }).expect(201);
        for (const format of ['xlsx', 'pdf', 'csv']) {
          const later = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=${format}`);
          expect(createHash('sha256').update(later).digest('hex')).toBe(await recorded(format));
        }
      } finally {
        clock.setNow(undefined);
        await admin.put('/api/v1/settings/institucion.nombre', { value: 'Instituto Mexicano del Seguro Social' }).expect(200);
      }
    });

    it('gives the Documento de Trabajo with its empty-cycle sentences (no específicos in the sample)', async () => {
      const doc = readDocument(csvRows(await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-trabajo?format=csv`)));
      expect(doc.title[0]).toBe('SEGUIMIENTO A ASPECTOS SUSCEPTIBLES DE MEJORA CLASIFICADOS COMO ESPECÍFICOS, DERIVADOS DE INFORMES Y EVALUACIONES EXTERNAS');
      expect(doc.title[2]).toBe('Avance del Documento de Trabajo');
      expect(doc.periods).toHaveLength(12);
      expect(doc.periods.every((p) => p.rows.length === 0 && p.sentence === EXPECTED.periods[5].sentence)).toBe(true);
    });

    it('gives the open-data CSV, one row per ASM in the layout of SHCP', async () => {
      const rows = csvRows(await get(evaluacion, `/api/v1/cortes/${corteId}/documents/datos-abiertos?format=csv`));
      expect(rows[0].slice(0, 3)).toEqual(['CICLO', 'TRIMESTRE', 'ID_RAMO']);
      expect(rows).toHaveLength(9);
      expect(rows[1]).toEqual(expect.arrayContaining(['2021-2022', '03T2022', '19', 'IMSS', 'S038', 'Institucional', '98', '30/09/2022']));
    });

    it('gives a coordinator only the ASMs it coordinates, and nothing to a responsible area', async () => {
      const [area] = (await t.db.query(`SELECT id FROM areas WHERE name = 'Coordinación de Planeación, Evaluación y Sistemas de Información'`)).rows;
      const coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [area.id] }));
      const doc = readDocument(csvRows(await get(coord, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)));
      expect(doc.periods.flatMap((p) => p.rows)).toHaveLength(3);
      const resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [area.id] }));
      await resp.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`).expect(403);
    });

    it('gives the Documento Institucional of a cycle: its commitments without progress', async () => {
      const cycle = (await evaluacion.get('/api/v1/cycles').expect(200)).body.find((c: { label: string }) => c.label === '2020-2021');
      const doc = readDocument(csvRows(await get(evaluacion, `/api/v1/cycles/${cycle.id}/documents/documento-institucional?format=csv`)));
      expect(doc.title[2]).toBe('Documento Institucional');
      expect(doc.periods.map((p) => p.periodo)).toEqual(['2020-2021']);
      expect(doc.periods[0].rows).toHaveLength(2);
      expect(Object.keys(doc.periods[0].rows[0])).not.toContain('% de Avance de la Acción');
    });

    it('refuses unknown documents and formats in Spanish', async () => {
      const res = await evaluacion.get(`/api/v1/cortes/${corteId}/documents/otro?format=xlsx`).expect(400);
      expect(res.body.details[0].message).toMatch(/^Documento desconocido/);
      await evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=docx`).expect(400);
      await evaluacion.get(`/api/v1/cortes/${corteId}/documents/datos-abiertos?format=pdf`).expect(400);
    });
  });

  describe('importing the official format as XLSX', () => {
    async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
      const wb = new ExcelJS.Workbook();
      build(wb.addWorksheet('Avance'));
      return Buffer.from(await wb.xlsx.writeBuffer());
    }
    const HEAD = EXPECTED.periods[0].rows[0];
    const headings = Object.keys(HEAD);

    it('round-trips: the system’s own XLSX imports into a fresh database and gives the same document', async () => {
      const source = await get(evaluacion, `/api/v1/cortes/${corteId}/documents/avance-institucional?format=xlsx`);
      const other = await createTestApp();
      try {
        const ev = await other.as(await other.user({ roles: ['evaluacion'] }));
        const res = await ev.upload(IMPORT, source, 'avance.xlsx').expect(200);
        expect(res.body).toMatchObject({ applied: true, problems: [], created: { asms: 8, actions: 8, cycles: 12 } });
        const { rows } = await other.db.query(`SELECT count(*)::int AS n FROM asms WHERE status = 'concluido'`);
        expect(rows[0].n).toBe(4);
      } finally {
        await other.close();
      }
    });

    it('reports every problem of a malformed workbook by row and column, and writes nothing', async () => {
      const book = await xlsx((ws) => {
        ws.addRow(['SEGUIMIENTO A ASPECTOS SUSCEPTIBLES DE MEJORA CLASIFICADOS COMO INSTITUCIONALES, DERIVADOS DE INFORMES Y EVALUACIONES EXTERNAS']);
        ws.addRow(['Periodo 2021-2022']);
        ws.addRow([...headings.slice(0, 4), 'Acciones', ...headings.slice(5, 12), 'Comentarios', ...headings.slice(13)]);
        ws.addRow(Object.values({ ...HEAD, '% de Avance de la Acción': '140' }));
        ws.addRow(Object.values({ ...HEAD, 'Aspecto Susceptible de Mejora': 'Otro ASM', 'Fecha de Término': '31/13/2022' }));
        ws.addRow(Object.values({ ...HEAD, 'Aspecto Susceptible de Mejora': 'Tercer ASM', 'Resultados Esperados': '' }));
      });
      const before = await fingerprint(t.db);
      const dry = await evaluacion.upload(`${IMPORT}&dryRun=true`, book, 'avance.xlsx').expect(200);
      const problems = dry.body.problems as { row: number; column: string; problem: string }[];
      expect(problems).toEqual(
        expect.arrayContaining([
          { row: 3, column: 'columna E', problem: 'Encabezado no reconocido "Acciones".' },
          { row: 3, column: 'columna M', problem: 'Encabezado no reconocido "Comentarios".' },
          { row: 3, column: 'Acciones a Emprender', problem: 'Falta la columna "Acciones a Emprender" en los encabezados.' },
          { row: 4, column: '% de Avance de la Acción', problem: 'Porcentaje no válido "140" (se espera un entero de 0 a 100).' },
          { row: 5, column: 'Fecha de Término', problem: 'Fecha no válida "31/13/2022" (se espera dd/mm/aaaa con una fecha que exista).' },
          { row: 6, column: 'Resultados Esperados', problem: 'Celda obligatoria vacía.' },
        ]),
      );
      const real = await evaluacion.upload(IMPORT, book, 'avance.xlsx').expect(422);
      expect(real.body.code).toBe('IMPORT_REJECTED');
      expect(real.body.details).toEqual(expect.arrayContaining([{ field: 'Fecha de Término', row: 5, message: expect.stringContaining('31/13/2022') }]));
      const notXlsx = await evaluacion.upload(IMPORT, Buffer.from('esto no es un libro de Excel'), 'avance.xlsx').expect(422);
      expect(notXlsx.body.details).toEqual([
        { row: null, message: 'El archivo no es un libro de Excel (.xlsx) válido; guárdalo como .xlsx y vuelve a intentarlo.' },
      ]);
      expect(await fingerprint(t.db)).toEqual(before);
    });
  });

  // Last: it adds an ASM of IMSS in cycle 2021-2022, which the documents compared with the sample above must not hold.
  describe('importing the official format again', () => {
    const HEADINGS = Object.keys(EXPECTED.periods[0].rows[0]);
    const ASM = 'Documentar el procedimiento de reimportación de acciones del programa.';
    /** A document of one ASM of program E-099 with these actions (No., Programa, ASM and Área Coordinadora on the first row only). */
    const officialFile = (...actions: string[][]) =>
      Buffer.from(
        [
          'Periodo 2021-2022',
          HEADINGS.join('\t'),
          ...actions.map((a, i) => [...(i ? ['', '', '', ''] : ['1', 'E-099 Programa de Prueba', ASM, 'Coordinación de Planeación']), ...a, '', ''].join('\t')),
        ].join('\n'),
      );
    // An action's cells: Acciones, Áreas Responsables, Fecha de Término, Resultados, Productos, % de Avance, Nombre and Ubicación del Documento, Observaciones.
    const FIRST = ['Primera acción', 'Coordinación de Finanzas', '31/12/2030', 'Resultados uno', 'Productos uno', '10', '', '', ''];
    const SECOND = [
      'Segunda acción añadida',
      'Coordinación Zeta de Prueba / Coordinación Alfa de Prueba',
      '15/06/2031',
      'Resultados dos',
      'Productos dos',
      '35',
      'Acta de la sesión',
      'https://intranet.example/actas/2',
      'Observación de la segunda acción',
    ];
    const actionsOf = async (asmId: string) =>
      (
        await t.db.query(
          `SELECT x.*, x.due_date::text AS due_date, x.original_due_date::text AS original_due_date,
                  ARRAY(SELECT ar.name FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = x.id ORDER BY aa.position) AS areas
             FROM actions x WHERE x.asm_id = $1 ORDER BY x.position`,
          [asmId],
        )
      ).rows;

    it('adds the action a matched ASM gained in the file at the next position, with the file’s values, and leaves the rest as it was', async () => {
      const first = await evaluacion.upload(IMPORT, officialFile(FIRST), 'avance.txt').expect(200);
      expect(first.body).toMatchObject({ applied: true, problems: [], created: { asms: 1, actions: 1 } });
      const { rows: asms } = await t.db.query(`SELECT id FROM asms WHERE text = $1`, [ASM]);
      expect(asms).toHaveLength(1);
      const asmId = asms[0].id as string;
      const [before] = await actionsOf(asmId);
      const { rows: count } = await t.db.query(`SELECT count(*)::int AS n FROM asms`);

      const second = await evaluacion.upload(IMPORT, officialFile(FIRST, SECOND), 'avance.txt').expect(200);
      expect(second.body).toMatchObject({ applied: true, problems: [], updatedAsms: 1, unchangedAsms: 0, created: { asms: 0, actions: 0 } });
      expect(second.body.matchedRows).toEqual([{ row: 3, asmId, matchedBy: 'texto' }]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM asms`)).rows).toEqual(count);
      const actions = await actionsOf(asmId);
      expect(actions).toHaveLength(2);
      expect(actions[0]).toEqual(before);
      expect(actions[1]).toMatchObject({
        position: 2,
        description: 'Segunda acción añadida',
        due_date: '2031-06-15',
        original_due_date: '2031-06-15',
        expected_results: 'Resultados dos',
        products: 'Productos dos',
        percent: 35,
        proof_document_name: 'Acta de la sesión',
        proof_document_location: 'https://intranet.example/actas/2',
        observations: 'Observación de la segunda acción',
        search_text: 'segunda accion anadida',
        version: 1,
        areas: ['Coordinación Zeta de Prueba', 'Coordinación Alfa de Prueba'],
      });
    });
  });
});
