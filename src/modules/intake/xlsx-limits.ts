import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Entry, fromBuffer, ZipFile } from 'yauzl';
import { IntakeError, IntakeErrorCode } from './intake.errors';

/**
 * Parsing a workbook holds about fifteen times its uncompressed XML in
 * memory, so the uncompressed size is what must be limited: 20 MB is some
 * 30,000 rows of the official format, far more than an institution's
 * document, and keeps a parse under about 300 MB.
 */
export const XLSX_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024;
/** Real sheets compress about 10 to 30 times; a much higher ratio is a bomb, whatever its size. */
export const XLSX_MAX_RATIO = 100;
/** Ratios of small entries mean nothing (a few KB of repeated markup). */
const RATIO_FROM_BYTES = 256 * 1024;
const MAX_ENTRIES = 1000;

const MB = (n: number) => Math.ceil(n / (1024 * 1024));

function tooLarge(total: number): IntakeError {
  return new IntakeError(
    IntakeErrorCode.XlsxTooLarge,
    `El libro de Excel ocupa ${MB(total)} MB descomprimido; el máximo para importar es ${MB(XLSX_MAX_UNCOMPRESSED_BYTES)} MB. Divídelo en varios archivos (por ejemplo, uno por programa) e impórtalos por separado.`,
    'too_large',
  );
}

function suspicious(why: string): IntakeError {
  return new IntakeError(
    IntakeErrorCode.XlsxSuspicious,
    `El archivo .xlsx no parece un libro de Excel normal (${why}); ábrelo en Excel, guárdalo de nuevo como .xlsx y vuelve a intentarlo.`,
    'unprocessable',
  );
}

/**
 * Checks a workbook before it is parsed: the uncompressed sizes its zip
 * directory declares (total, and the compression ratio of each entry), and
 * then that each entry really inflates to no more than it declares, reading
 * through a small buffer and keeping nothing (yauzl refuses an entry that
 * inflates to more than declared). A file that is not a zip at all is left
 * to the parser, which reports it as not a workbook.
 */
export async function assertXlsxWithinLimits(content: Buffer): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await promisify<Buffer, { lazyEntries: boolean; validateEntrySizes: boolean }, ZipFile>(fromBuffer)(content, {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    return;
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw suspicious(`${zip.entryCount} partes`);
    let declared = 0;
    const entries: Entry[] = [];
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      declared += entry.uncompressedSize;
      if (declared > XLSX_MAX_UNCOMPRESSED_BYTES) throw tooLarge(declared);
      if (entry.uncompressedSize > RATIO_FROM_BYTES && entry.uncompressedSize > XLSX_MAX_RATIO * Math.max(entry.compressedSize, 1)) {
        throw suspicious(`una de sus partes se comprime ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))} veces`);
      }
      entries.push(entry);
    }
    for (const entry of entries) await drain(zip, entry);
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => zip.removeListener('entry', onEntry).removeListener('end', onEnd).removeListener('error', onError);
    const onEntry = (e: Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (err: Error) => (cleanup(), reject(suspicious(`su índice está dañado: ${err.message}`)));
    zip.once('entry', onEntry).once('end', onEnd).once('error', onError);
    zip.readEntry();
  });
}

/** Inflates an entry, discarding the bytes; fails if it yields more than its declared size. */
async function drain(zip: ZipFile, entry: Entry): Promise<void> {
  if (entry.fileName.endsWith('/')) return;
  try {
    const stream = await promisify<Entry, Readable>(zip.openReadStream.bind(zip))(entry);
    // Only the count matters; yauzl compares it with the declared size as the bytes come.
    await finished(stream.resume());
  } catch (err) {
    if (err instanceof IntakeError) throw err;
    throw suspicious(`la parte ${entry.fileName} no corresponde a lo que declara: ${(err as Error).message}`);
  }
}
