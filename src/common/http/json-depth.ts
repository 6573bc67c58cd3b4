import type { IncomingMessage, ServerResponse } from 'node:http';

/** Deeper than any request body of the API (an ASM with its actions and their areas is 3). */
export const JSON_MAX_DEPTH = 32;

/**
 * The nesting depth of a JSON text, counted over the raw bytes in one pass
 * (brackets inside strings do not count), stopping as soon as it exceeds
 * `max`. Runs before JSON.parse and before validation, whose recursion a
 * body like '['.repeat(100000) would otherwise overflow.
 */
export function exceedsDepth(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return true;
    } else if (b === 0x5d || b === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** body-parser's `verify` hook: refuses a body nested deeper than JSON_MAX_DEPTH (mapped to 400 JSON_TOO_DEEP). */
export function refuseDeepJson(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (exceedsDepth(body, JSON_MAX_DEPTH)) throw Object.assign(new Error('JSON nested too deep'), { status: 400, type: 'entity.too.deep' });
}
