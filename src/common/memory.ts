import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' }) => void;

let gc: Gc | null | undefined;

/** The collector, reached without starting Node with --expose-gc; null if that ever fails. */
function collector(): Gc | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/**
 * A full garbage collection, for long jobs that allocate far more than they
 * keep (a 54,000-row workbook makes ~150 MB of short-lived strings and buffers
 * that V8 lets pile up before collecting). If the collector cannot be reached,
 * this does nothing. See docs/decisions/0014-performance.md.
 */
export function collectGarbage(): void {
  collector()?.();
}

/** Bytes of streamed buffers between two young-generation collections (see below). */
const YOUNG_COLLECTION_BYTES = 16 * 1024 * 1024;

let sinceYoungCollection = 0;

/**
 * Reports `bytes` of short-lived buffers just streamed through (an upload's
 * chunks, a document's on their way to its file or to the client); every
 * YOUNG_COLLECTION_BYTES of them, process-wide, a young-generation collection
 * (1-5 ms) frees those already written.
 *
 * Why: each chunk node:http hands over is a new buffer of up to 64 KB held
 * outside the JavaScript heap. V8 starts a young collection by the heap's own
 * allocation (a few hundred bytes per chunk), so the buffers outlive their use
 * and pile up until V8, pressed by external memory, runs full mark-compacts of
 * the whole heap instead (10-280 ms each on the API's ~55 MB heap). A 500 MB
 * upload spent a third of its main-thread time there and grew RSS by ~65 MB;
 * a closed cut's 37 MB CSV ran 6-9 full collections per download (0050).
 * See docs/decisions/0025-upload-throughput.md.
 */
export function streamedBuffers(bytes: number): void {
  sinceYoungCollection += bytes;
  if (sinceYoungCollection < YOUNG_COLLECTION_BYTES) return;
  sinceYoungCollection = 0;
  collector()?.({ type: 'minor' });
}

/** Old-generation headroom V8 keeps after a full collection while buffers stream, in % of the live heap. */
const STREAMING_HEAP_GROWING_PERCENT = 50;

let streaming = 0;
/** Whoever starts Node with --heap-growing-percent decides it for good. */
const growingFixedAtStart = process.execArgv.some((a) => a.startsWith('--heap-growing-percent'));

function setHeapGrowingPercent(percent: number): void {
  if (growingFixedAtStart) return;
  try {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // Only a matter of speed: without it streams may run slower, never wrongly.
  }
}

/**
 * Marks a stream of buffers (an upload received, a document produced or sent)
 * as running until the returned function is called (once; later calls do
 * nothing). While any is, V8 sets the old generation's limit
 * STREAMING_HEAP_GROWING_PERCENT above the live heap after each full
 * collection; otherwise V8 chooses.
 *
 * Why: for a process that allocates little JavaScript, as one receiving an
 * upload, V8 puts that limit only 10-40 % above the live heap, and it starts
 * marking again as soon as the headroom is below the young generation's target
 * capacity (16 MB with --max-semi-space-size=16): after an idle spell the API
 * ran a full collection every ~200 ms through a whole upload, at 2-3x the CPU.
 * Fixed for the whole process (node --heap-growing-percent=50), it slowed the
 * big XLSX (B1), for which V8 lets the heap grow ~4x between collections.
 * See docs/decisions/0025-upload-throughput.md.
 */
export function streamingBuffers(): () => void {
  if (streaming++ === 0) setHeapGrowingPercent(STREAMING_HEAP_GROWING_PERCENT);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--streaming === 0) setHeapGrowingPercent(0);
  };
}
