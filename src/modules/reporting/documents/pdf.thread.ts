import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';

/**
 * What a thread needs to lay out a PDF: the document definition as plain data (structured-cloned into the thread)
 * and what the thread turns into functions, which cannot cross: the footer of every page and the tables' lines.
 */
export interface PdfJob {
  /** pdfmake's document definition without `footer`, its tables without `layout`, and no dates in `info`. */
  definition: Record<string, unknown> & { info: Record<string, unknown>; content: unknown[] };
  /** Creation and modification date of the file (ISO): with it fixed, the bytes are identical every time. */
  fixedDate: string;
  footer: { text: string; yearLine: string; marginX: number };
  /** Where pdfmake and its Roboto fonts are (resolved here: the thread's code is evaluated, not loaded from a file). */
  pdfmake: string;
  fonts: string;
}

/**
 * The thread's whole program. Its source becomes the thread's code (`eval`), so it uses nothing from this module:
 * only `require` and what `workerData` brings. It lays the document out, then hands the file over one batch each time
 * the main thread asks for more (a `'more'` message), and ends with `{ end: true }`.
 */
function pdfThread(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- the thread has no module of its own to import from */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const job = threads.workerData as PdfJob;
  const pdf = require(job.pdfmake) as {
    setFonts(f: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(def: unknown): { getStream(): Promise<NodeJS.ReadableStream & { end(): void }> };
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const font = (file: string) => `${job.fonts}/${file}`;
  pdf.setFonts({
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  pdf.setUrlAccessPolicy(() => false);
  pdf.setLocalAccessPolicy((p) => p.startsWith(job.fonts));
  const lines = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, paddingLeft: () => 2, paddingRight: () => 2, paddingTop: () => 2, paddingBottom: () => 2 };
  const { text, yearLine, marginX } = job.footer;
  const date = new Date(job.fixedDate);
  const definition = {
    ...job.definition,
    info: { ...job.definition.info, creationDate: date, modDate: date },
    content: job.definition.content.map((node) => (node && typeof node === 'object' && 'table' in node ? { ...node, layout: lines } : node)),
    footer: (page: number, pages: number) => ({
      margin: [marginX, 6, marginX, 0],
      stack: [
        { text, fontSize: 6 },
        {
          columns: [
            { text: yearLine, fontSize: 7 },
            { text: `Página ${page} de ${pages}`, fontSize: 7, alignment: 'right' },
          ],
          margin: [0, 3, 0, 0],
        },
      ],
    }),
  };
  // Bytes gathered before handing them over: pdfkit writes the file in pieces of a few hundred bytes.
  const batchBytes = 256 * 1024;
  const port = threads.parentPort!;
  const file = pdf
    .createPdf(definition)
    .getStream()
    .then((stream) => {
      stream.end();
      return (stream as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    });
  port.on('message', () => {
    void file.then(async (chunks) => {
      const batch: Buffer[] = [];
      let size = 0;
      while (size < batchBytes) {
        const next = await chunks.next();
        if (next.done) break;
        batch.push(next.value);
        size += next.value.length;
      }
      if (size > 0) port.postMessage({ chunk: Buffer.concat(batch) });
      else {
        port.postMessage({ end: true });
        port.close();
      }
    });
  });
}

const THREAD_CODE = `(${pdfThread.toString()})();`;

/** PDFs laid out at once: each holds a whole document's layout in memory, as one laid out on the event loop did. */
const THREADS = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/** pdfmake's module and its fonts, for the thread. */
export function pdfmakePaths(): Pick<PdfJob, 'pdfmake' | 'fonts'> {
  const pdfmake = require.resolve('pdfmake');
  return { pdfmake, fonts: join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto') };
}

/**
 * Lays the PDF out in a worker thread and writes it into `out`, which is ended. pdfmake lays out the whole document
 * in one synchronous call (seconds for a program, minutes for a whole institution): on the event loop, the process
 * answered nobody else meanwhile, not even its health check. The file comes back as the consumer reads it; a
 * failure on either side ends the thread.
 */
export async function renderPdfInThread(job: PdfJob, out: Writable): Promise<void> {
  const done = await turn();
  try {
    const worker = new Worker(THREAD_CODE, { eval: true, workerData: job });
    let ended = false;
    const file = new Readable({
      read: () => worker.postMessage('more'),
      destroy: (err: Error | null, callback: (err: Error | null) => void) => {
        void worker.terminate();
        callback(err);
      },
    });
    worker.on('message', (m: { chunk?: Uint8Array; end?: true }) => {
      if (m.end) {
        ended = true;
        file.push(null);
      } else file.push(Buffer.from(m.chunk!.buffer, m.chunk!.byteOffset, m.chunk!.byteLength));
    });
    worker.once('error', (err: Error) => file.destroy(err));
    worker.once('exit', (code) => {
      if (!ended) file.destroy(new Error(`El hilo que compone el PDF terminó antes de tiempo (código ${code}).`));
    });
    await pipeline(file, out);
  } finally {
    done();
  }
}
