import { once } from 'node:events';
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
 * only `require` and what `workerData` brings (coverage counters inserted into it would break it too). It lays the document out, then hands the file over one batch each time
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
  // A failure is thrown outside any promise, so that it ends the thread (its 'error' in the main thread) whatever
  // the process's policy for unhandled rejections, instead of leaving the download waiting.
  const fail = (err: unknown) =>
    setImmediate(() => {
      throw err;
    });
  file.catch(fail);
  port.on('message', () => {
    file
      .then(
        async (chunks) => {
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
        },
        () => undefined /* already thrown by fail, above */,
      )
      .catch(fail);
  });
}

const THREAD_CODE = `(${pdfThread.toString()})();`;

/** PDFs produced at once in this process: each holds all its rows and then its layout in memory. */
const THREADS = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Waits for one of this process's THREADS turns to produce a PDF and gives back the function that returns it
 * (call it once). Taken before the rows are read: a PDF waiting for its thread would hold all its rows meanwhile, and
 * one that had read them inside its read transaction could not wait at all. On the event loop, PDFs could only be
 * laid out one after another; this keeps their memory as bounded.
 */
export async function pdfTurn(): Promise<() => void> {
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
 * failure on either side ends the thread. The caller holds a turn (pdfTurn) from before it reads the rows.
 */
export async function renderPdfInThread(job: PdfJob, out: Writable): Promise<void> {
  const worker = new Worker(THREAD_CODE, { eval: true, workerData: job });
  const exited = once(worker, 'exit');
  try {
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
    // Its memory (a whole layout) is given back before the next PDF's turn begins.
    await worker.terminate();
    await exited;
  }
}
