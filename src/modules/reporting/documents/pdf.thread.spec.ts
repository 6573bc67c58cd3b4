import { availableParallelism } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { PdfJob, pdfmakePaths, pdfTurn, renderPdfInThread } from './pdf.thread';

const job = (rows: number): PdfJob => ({
  definition: {
    pageSize: 'LEGAL',
    pageOrientation: 'landscape',
    info: { title: 'Prueba', producer: 'asm-seguimiento' },
    content: [
      { text: 'Avance de los Aspectos Susceptibles de Mejora' },
      {
        table: {
          headerRows: 1,
          widths: [40, 200],
          body: [['No.', 'Acción'], ...Array.from({ length: rows }, (_, i) => [String(i + 1), `Acción número ${i + 1}: revisar la matriz`])],
        },
      },
    ],
    defaultStyle: { font: 'Roboto', fontSize: 7 },
  },
  fixedDate: '2024-04-15T12:00:00.000Z',
  footer: { text: 'Documento de prueba', yearLine: 'Año de elaboración: 2024', marginX: 24 },
  ...pdfmakePaths(),
});

async function render(j: PdfJob): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderPdfInThread(j, out);
  return Buffer.concat(chunks);
}

describe('renderPdfInThread', () => {
  it('lays the PDF out in a thread and gives the same bytes every time (the date is fixed)', async () => {
    const a = await render(job(3000));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.length).toBeGreaterThan(256 * 1024); // more than one batch from the thread
    expect(a.subarray(-6).toString()).toContain('%%EOF');
    expect((await render(job(3000))).equals(a)).toBe(true);
  });

  it('fails when the thread fails, with the thread’s error', async () => {
    await expect(render({ ...job(1), pdfmake: '/no/existe/pdfmake' })).rejects.toThrow(/no\/existe\/pdfmake/);
    await expect(render({ ...job(1), definition: { ...job(1).definition, content: [{ table: { body: 'no es una tabla' } }] } })).rejects.toThrow();
    expect((await render(job(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails when the file cannot be written', async () => {
    const full = new Writable({ write: (_c, _e, callback) => callback(new Error('ENOSPC: no space left on device')) });
    await expect(renderPdfInThread(job(3000), full)).rejects.toThrow('ENOSPC');
  });
});

describe('pdfTurn', () => {
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('gives one turn less than the cores (at least one) at once, then the rest in order as turns come back', async () => {
    const threads = Math.max(1, availableParallelism() - 1);
    const held = await Promise.all(Array.from({ length: threads }, () => pdfTurn()));
    const order: number[] = [];
    const next = [1, 2].map((n) => pdfTurn().then((done) => (order.push(n), done)));
    await settled();
    expect(order).toEqual([]);
    held[0]();
    await settled();
    expect(order).toEqual([1]);
    held.slice(1).forEach((done) => done());
    (await next[0])();
    await settled();
    expect(order).toEqual([1, 2]);
    (await next[1])();
    // Every turn came back: as many are free as at the start.
    const again = await Promise.all(Array.from({ length: threads }, () => pdfTurn()));
    again.forEach((done) => done());
  });
});
