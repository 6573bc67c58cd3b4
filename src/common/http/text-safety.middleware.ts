import type { NextFunction, Request, Response } from 'express';
import { ErrorDetail, ValidationFailedError } from '../errors/domain-error';
import { unsafeCharIn } from '../text-safety';

function at(prefix: string, key: string, index: boolean): string {
  if (index) return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

function collect(value: unknown, path: string, out: ErrorDetail[]): void {
  if (typeof value === 'string') {
    const c = unsafeCharIn(value);
    if (c) {
      out.push({
        field: path,
        message: `${path} contiene un carácter de control o invisible (${c}) que no se admite; quítalo (suele venir de un texto copiado) y vuelve a intentarlo.`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, at(path, String(i), true), out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const c = unsafeCharIn(k);
      if (c) out.push({ field: path || '(cuerpo)', message: `Un nombre de campo contiene un carácter de control o invisible (${c}); corrígelo.` });
      else collect(v, at(path, k, false), out);
    }
  }
}

/**
 * Refuses, on every route and before authentication, a JSON body or query
 * string holding a control or bidirectional character (src/common/text-safety.ts),
 * naming each field. Runs right after the JSON parser, so login and the other
 * routes that read the body before the validation pipe are covered too.
 */
export function refuseUnsafeText(req: Request, _res: Response, next: NextFunction): void {
  const details: ErrorDetail[] = [];
  collect(req.query, '', details);
  if (req.body !== undefined) collect(req.body, '', details);
  next(details.length ? new ValidationFailedError(details) : undefined);
}
