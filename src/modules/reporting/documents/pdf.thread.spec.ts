import { availableParallelism } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import { PdfJob, pdfmakePaths, renderPdfInThread } from './pdf.thread';

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

  it('fails when the thread fails, and the next PDFs still get their turn', async () => {
    const broken = { ...job(1), pdfmake: '/no/existe/pdfmake' };
    // More failures than threads at once: each must give its turn back, or the last would wait for ever.
    const failures = Array.from({ length: availableParallelism() + 1 }, () => render(broken));
    for (const f of failures) await expect(f).rejects.toThrow(/no\/existe\/pdfmake/);
    expect((await render(job(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails when the file cannot be written, and the next PDF still gets its turn', async () => {
    const full = new Writable({ write: (_c, _e, callback) => callback(new Error('ENOSPC: no space left on device')) });
    await expect(renderPdfInThread(job(3000), full)).rejects.toThrow('ENOSPC');
    expect((await render(job(1))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
