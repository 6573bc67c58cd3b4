import type { ValidationArguments } from 'class-validator';

/*
 * The names fields have on screen, for the validation messages people read.
 * A field's label is written with its article ("la justificación", "el área
 * coordinadora", "las siglas"), which gives the agreement of the sentence:
 * "La justificación es obligatoria.", "Las siglas deben ser texto.".
 * Error details keep the API's field name (the web app matches its inputs by it).
 */

const LABEL_KEY = 'asm:field-label';
const FIELDS_KEY = 'asm:fields';

/** What kind of value a field takes (the validation test builds good and bad values from it). */
export type FieldKind = 'text' | 'pattern' | 'int' | 'decimal' | 'boolean' | 'uuid' | 'uuids' | 'enum' | 'enums' | 'date' | 'email' | 'nested' | 'any';

export interface FieldInfo {
  property: string;
  label: string;
  kind: FieldKind;
  optional: boolean;
  nullable: boolean;
  /** A value the field accepts. */
  sample: unknown;
  /** For kind nested: the class of each item, and what one is called ("la acción"). */
  itemType?: () => new () => object;
  itemLabel?: string;
}

export interface Noun {
  /** "la fecha de término" */
  name: string;
  /** "La fecha de término" */
  Name: string;
  plural: boolean;
  feminine: boolean;
}

/** Feminine nouns that take "el" in the singular (stressed initial a): el área. */
const FEMININE_WITH_EL = /^área\b/;

export function noun(label: string): Noun {
  const m = /^(el|la|los|las) (.+)$/.exec(label);
  if (!m) throw new Error(`Field label "${label}" must start with its article (el, la, los, las).`);
  const [, article, rest] = m;
  return {
    name: label,
    Name: label[0].toUpperCase() + label.slice(1),
    plural: article === 'los' || article === 'las',
    feminine: article === 'la' || article === 'las' || (article === 'el' && FEMININE_WITH_EL.test(rest)),
  };
}

/** obligatori + o|a|os|as, vací + o|a|os|as */
export const agree = (n: Noun, stem: string): string => `${stem}${n.feminine ? 'a' : 'o'}${n.plural ? 's' : ''}`;
/** debe|deben, admite|admiten, puede|pueden, tiene|tienen */
export const verb = (n: Noun, singular: string): string => (n.plural ? `${singular}n` : singular);
export const isAre = (n: Noun): string => (n.plural ? 'son' : 'es');

export const requiredMessage = (n: Noun): string => `${n.Name} ${isAre(n)} ${agree(n, 'obligatori')}.`;
export const textMessage = (n: Noun): string => `${n.Name} ${verb(n, 'debe')} ser texto.`;
export const tooLongMessage = (n: Noun, max: number, received?: number): string =>
  `${n.Name} ${verb(n, 'admite')} como máximo ${max} caracteres${received === undefined ? '' : ` (recibidos ${received})`}.`;

/** Records a property's label (read by the messages) and what it takes (read by the validation test). */
export function registerField(target: object, info: FieldInfo): void {
  noun(info.label);
  Reflect.defineMetadata(LABEL_KEY, info.label, target, info.property);
  const own: FieldInfo[] = (Reflect.getOwnMetadata(FIELDS_KEY, target) as FieldInfo[] | undefined) ?? [
    ...((Reflect.getMetadata(FIELDS_KEY, target) as FieldInfo[] | undefined) ?? []),
  ];
  Reflect.defineMetadata(FIELDS_KEY, [...own.filter((f) => f.property !== info.property), info], target);
}

/** The fields of a request class, its parents' included. */
export function fieldsOf(type: { prototype: object }): FieldInfo[] {
  return (Reflect.getMetadata(FIELDS_KEY, type.prototype) as FieldInfo[] | undefined) ?? [];
}

/** The label of the field a validation message is about (the API name if it has none: the validation test finds those). */
export function nounOf(a: ValidationArguments): Noun {
  const label = (a.object && (Reflect.getMetadata(LABEL_KEY, a.object, a.property) as string | undefined)) ?? `el campo ${a.property}`;
  return noun(label);
}

/** The label of a property (of a class's prototype or an instance). */
export function labelOf(target: object, property: string): string | undefined {
  return Reflect.getMetadata(LABEL_KEY, target, property) as string | undefined;
}

/** What one item of a list of objects is called ("la acción"), to say which item a message is about. */
export function itemLabelOf(target: object, property: string): string | undefined {
  return ((Reflect.getMetadata(FIELDS_KEY, target) as FieldInfo[] | undefined) ?? []).find((f) => f.property === property)?.itemLabel;
}
