import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full garbage collection, for long jobs that allocate far more than they
 * keep (a 54,000-row workbook makes ~150 MB of short-lived strings and buffers
 * that V8 lets pile up before collecting). The collector is reached without
 * starting Node with --expose-gc; if that ever fails, this does nothing.
 * See docs/decisions/0014-performance.md.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
