import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { appForTests, Client } from './support/app';
import { fingerprint } from './support/database';

const IMPORT = '/api/v1/imports/oficial?ramo=19&institucion=IMSS';
// Packing tens of megabytes with JSZip (deflate in JavaScript) takes 8-12 s of CPU on a busy 2-core
// machine; the budget covers a loaded CI run, it is not a speed target.
const PACKING_BUDGET = 180_000;

/**
 * A small XLSX that unpacks to a huge one (a decompression bomb) is refused
 * from the sizes in its directory, checked against what its entries really
 * inflate to, before the workbook is parsed: 413 or 422 in Spanish, memory
 * unmoved, nothing written.
 */
describe('XLSX imports: uncompressed size and ratio are limited before parsing', () => {
  const t = appForTests();
  let c: Client;
  let base: Buffer;

  beforeAll(async () => {
    c = await t.as(await t.user({ roles: ['evaluacion'] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hoja').addRow(['SEGUIMIENTO A ASPECTOS SUSCEPTIBLES DE MEJORA']);
    base = Buffer.from(await wb.xlsx.writeBuffer());
  });

  /** The same workbook with its sheet replaced by `megabytes` of one repeated letter. */
  async function bomb(megabytes: number): Promise<Buffer> {
    const zip = await JSZip.loadAsync(base);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'A'.repeat(megabytes * 1_000_000)}</t></is></c></row></sheetData></worksheet>`,
    );
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }

  it(
    'refuses a 99 MB workbook packed in about 100 KB with a 413, without parsing it',
    async () => {
      const file = await bomb(99);
      expect(file.length).toBeLessThan(400_000);
      const before = await fingerprint(t.db);
      const rss = process.memoryUsage().rss;
      const res = await c.upload(IMPORT, file, 'avance.xlsx');
      const grown = process.memoryUsage().rss - rss;
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('XLSX_TOO_LARGE');
      expect(res.body.message).toMatch(/^El libro de Excel ocupa \d+ MB descomprimido/);
      // Parsing it would have taken about a gigabyte; checking it streams through a few buffers.
      expect(grown).toBeLessThan(150 * 1024 * 1024);
      expect(await fingerprint(t.db)).toEqual(before);
    },
    PACKING_BUDGET,
  );

  it(
    'refuses a sheet that compresses far beyond what real data does with a 422, even under the size limit',
    async () => {
      const res = await c.upload(`${IMPORT}&dryRun=true`, await bomb(10), 'avance.xlsx');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('XLSX_SUSPICIOUS');
      expect(res.body.message).toMatch(/comprime/);
    },
    PACKING_BUDGET,
  );

  it(
    'refuses a workbook whose directory understates what an entry unpacks to',
    async () => {
      const file = await bomb(3);
      // Declare 100 KB for the sheet (central directory and local header): the ratio and the total look harmless.
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      for (let at = file.indexOf(name); at >= 0; at = file.indexOf(name, at + 1)) {
        const central = file.readUInt32LE(at - 46) === 0x02014b50;
        const local = file.readUInt32LE(at - 30) === 0x04034b50;
        if (central) file.writeUInt32LE(100_000, at - 46 + 24);
        if (local) file.writeUInt32LE(100_000, at - 30 + 22);
      }
      const res = await c.upload(`${IMPORT}&dryRun=true`, file, 'avance.xlsx');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('XLSX_SUSPICIOUS');
    },
    PACKING_BUDGET,
  );

  it('still reads a real workbook', async () => {
    const res = await c.upload(`${IMPORT}&dryRun=true`, base, 'avance.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
  });
});
