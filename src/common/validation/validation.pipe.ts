import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/**
 * Global validation: unknown fields refused, no implicit type coercion of
 * bodies (a number sent as text is an error), each failing field listed.
 * The errors keep their target so that a message about an item of a list can
 * say which one; only the messages leave this file.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
