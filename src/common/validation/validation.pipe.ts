import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ErrorDetail, ValidationFailedError } from '../errors/domain-error';
import { itemLabelOf, noun } from './field-names';

/** "Acción 2: " for a message about the second item of a list whose items are called "la acción". */
function itemPrefix(parent: ValidationError | undefined, index: string): string {
  const label = parent?.target ? itemLabelOf(parent.target, parent.property) : undefined;
  if (!label) return '';
  const word = noun(label).name.replace(/^\S+ /, '');
  return `${word[0].toUpperCase()}${word.slice(1)} ${Number(index) + 1}: `;
}

/** class-validator's own messages (English), for what no field decorator states. */
const OWN_MESSAGES: Record<string, (field: string) => string> = {
  whitelistValidation: (field) => `${field} no es un campo admitido; elimínalo.`,
  nestedValidation: () => 'Debe ser un objeto con sus campos.',
};

export function flatten(errors: ValidationError[], prefix = '', parent?: ValidationError, lead = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const isIndex = /^\d+$/.test(e.property);
    const field = prefix ? (isIndex ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    const here = isIndex ? itemPrefix(parent, e.property) : lead;
    for (const [constraint, text] of Object.entries(e.constraints ?? {})) {
      const message = OWN_MESSAGES[constraint]?.(field) ?? text;
      out.push({ field, message: here ? `${here}${message[0].toLowerCase()}${message.slice(1)}` : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field, e, here));
  }
  return out;
}

/** Distinct valid query strings kept per DTO; beyond it the oldest is dropped. */
const QUERIES_KEPT = 500;

/** A copy of a validated query DTO: its own arrays, nothing else that could be shared (undefined if it holds any other object). */
function copyOf<T extends object>(dto: T): T | undefined {
  const copy = Object.create(Object.getPrototypeOf(dto) as object | null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(dto)) {
    if (Array.isArray(v)) {
      if (v.some((item) => typeof item === 'object' && item !== null)) return undefined;
      copy[k] = [...(v as unknown[])];
    } else if (typeof v === 'object' && v !== null) {
      return undefined;
    } else {
      copy[k] = v;
    }
  }
  return copy as T;
}

/**
 * The validation pipe, remembering the query strings it has accepted: a list route is asked the same
 * few queries over and over (the page, its size, a filter), and transforming and validating one with
 * class-transformer and class-validator cost ~50 µs per request (docs/decisions/0040-list-request-overhead.md).
 * Validation of a query is a pure function of its text and its DTO, so an accepted query is answered
 * with a copy of its first result; anything refused goes through the full pipe every time (same
 * messages), and bodies are never remembered.
 */
class QueryRememberingValidationPipe extends ValidationPipe {
  private readonly accepted = new Map<unknown, Map<string, object>>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (metadata.type !== 'query' || metadata.data !== undefined || !dto || typeof value !== 'object' || value === null) {
      return super.transform(value, metadata);
    }
    const key = JSON.stringify(value);
    let known = this.accepted.get(dto);
    const hit = known?.get(key);
    if (hit) return copyOf(hit);
    const result: unknown = await super.transform(value, metadata);
    if (typeof result !== 'object' || result === null || !(result instanceof dto)) return result;
    const kept = copyOf(result);
    if (!kept) return result;
    if (!known) this.accepted.set(dto, (known = new Map<string, object>()));
    if (known.size >= QUERIES_KEPT) known.delete(known.keys().next().value as string);
    known.set(key, kept);
    return result;
  }
}

/**
 * Global validation: unknown fields refused, no implicit type coercion of
 * bodies (a number sent as text is an error), each failing field listed.
 * The errors keep their target so that a message about an item of a list can
 * say which one; only the messages leave this file.
 */
export function createValidationPipe(): ValidationPipe {
  return new QueryRememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
