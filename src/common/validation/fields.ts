import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { isCalendarDate } from '../dates';
import { agree, FieldKind, isAre, Noun, nounOf, registerField, requiredMessage, textMessage, tooLongMessage, verb } from './field-names';

/*
 * Field decorators for request DTOs: validation with Spanish messages and the
 * OpenAPI description in one place, so every DTO states its rules the same way.
 *
 * label: the field as the user sees it, with its article ("la justificación");
 * messages name it, details keep the API name. optional: the property may be
 * absent (undefined). nullable: null is accepted and clears the value. A PATCH
 * sends only what it changes. A required field that is missing (or null, or an
 * empty text) is reported as required, before any rule about its type.
 */
interface Common {
  description: string;
  label: string;
  optional?: boolean;
  nullable?: boolean;
  example?: unknown;
}

type Msg = (a: ValidationArguments) => string;
const say =
  (text: (n: Noun, a: ValidationArguments) => string): Msg =>
  (a) =>
    text(nounOf(a), a);

function presence(o: Common): PropertyDecorator[] {
  if (o.optional || o.nullable) {
    return [
      ValidateIf((_obj: object, value: unknown) => {
        if (value === undefined) return !o.optional;
        if (value === null) return !o.nullable;
        return true;
      }),
    ];
  }
  return [IsDefined({ message: say(requiredMessage) })];
}

function api(
  o: Common,
  kind: FieldKind,
  sample: unknown,
  extra: Record<string, unknown>,
  more: { itemType?: () => new () => object; itemLabel?: string } = {},
): PropertyDecorator {
  const doc = ApiProperty({ description: o.description, required: !o.optional, nullable: o.nullable, example: o.example, ...extra });
  return (target: object, property: string | symbol) => {
    registerField(target, { property: String(property), label: o.label, kind, optional: Boolean(o.optional), nullable: Boolean(o.nullable), sample, ...more });
    doc(target, property);
  };
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export function TextField(o: Common & { max: number; min?: number }): PropertyDecorator {
  const min = o.min ?? 1;
  return applyDecorators(
    api(o, 'text', 'x'.repeat(min), { type: String, maxLength: o.max, minLength: min }),
    trim,
    ...presence(o),
    IsString({ message: say(textMessage) }),
    MinLength(min, {
      message: say((n) =>
        min > 1
          ? `${n.Name} ${verb(n, 'debe')} tener al menos ${min} caracteres.`
          : o.optional
            ? `${n.Name} no ${verb(n, 'puede')} quedar ${agree(n, 'vací')}.`
            : requiredMessage(n),
      ),
    }),
    MaxLength(o.max, { message: say((n, a) => tooLongMessage(n, o.max, String(a.value).length)) }),
  );
}

export function PatternField(o: Common & { pattern: RegExp; hint: string; max: number; example: string }): PropertyDecorator {
  return applyDecorators(
    api(o, 'pattern', o.example, { type: String, pattern: o.pattern.source, maxLength: o.max }),
    trim,
    ...presence(o),
    IsString({ message: say(textMessage) }),
    MaxLength(o.max, { message: say((n) => tooLongMessage(n, o.max)) }),
    Matches(o.pattern, { message: say((n) => `${n.Name} no ${verb(n, 'tiene')} el formato esperado: ${o.hint}.`) }),
  );
}

export function IntField(o: Common & { min: number; max: number; query?: boolean }): PropertyDecorator {
  const range = say((n) => `${n.Name} ${verb(n, 'debe')} ser un entero entre ${o.min} y ${o.max}.`);
  return applyDecorators(
    api(o, 'int', o.min, { type: 'integer', minimum: o.min, maximum: o.max }),
    ...(o.query ? [Type(() => Number)] : []),
    ...presence(o),
    IsInt({ message: say((n) => `${n.Name} ${verb(n, 'debe')} ser un número entero.`) }),
    Min(o.min, { message: range }),
    Max(o.max, { message: range }),
  );
}

export function DecimalField(o: Common & { min: number; max: number; decimals: number }): PropertyDecorator {
  return applyDecorators(
    api(o, 'decimal', o.min, { type: Number, minimum: o.min, maximum: o.max }),
    ...presence(o),
    IsNumber(
      { maxDecimalPlaces: o.decimals, allowNaN: false, allowInfinity: false },
      { message: say((n) => `${n.Name} ${verb(n, 'debe')} ser un número con a lo más ${o.decimals} decimales.`) },
    ),
    Min(o.min, { message: say((n) => `${n.Name} ${verb(n, 'debe')} ser mayor o igual a ${o.min}.`) }),
    Max(o.max, { message: say((n) => `${n.Name} ${verb(n, 'debe')} ser menor o igual a ${o.max}.`) }),
  );
}

export function VersionField(): PropertyDecorator {
  const message = say((n) => `${n.Name} debe ser el número entero de versión que leíste del registro.`);
  return applyDecorators(
    api({ label: 'la versión', description: 'Versión que leíste; si otra persona cambió el registro después, la respuesta es 409.' }, 'int', 1, {
      type: 'integer',
      minimum: 1,
    }),
    ...presence({ label: 'la versión', description: '' }),
    IsInt({ message }),
    Min(1, { message }),
  );
}

export function BooleanField(o: Common & { query?: boolean }): PropertyDecorator {
  return applyDecorators(
    api(o, 'boolean', false, { type: Boolean }),
    ...(o.query
      ? [Transform(({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))]
      : []),
    ...presence(o),
    IsBoolean({ message: say((n) => `${n.Name} ${verb(n, 'debe')} ser sí o no (true o false).`) }),
  );
}

const uuidMessage = say((n) => `${n.Name} ${verb(n, 'debe')} ser un identificador válido (UUID).`);

export function UuidField(o: Common): PropertyDecorator {
  return applyDecorators(
    api(o, 'uuid', '00000000-0000-4000-8000-000000000000', { type: String, format: 'uuid' }),
    ...presence(o),
    IsUUID('all', { message: uuidMessage }),
  );
}

export function UuidArrayField(o: Common & { minSize: number; maxSize: number }): PropertyDecorator {
  return applyDecorators(
    api(
      o,
      'uuids',
      Array.from({ length: o.minSize }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
      {
        type: [String],
        format: 'uuid',
        minItems: o.minSize,
        maxItems: o.maxSize,
      },
    ),
    ...presence(o),
    IsArray({ message: say((n) => `${n.Name} ${verb(n, 'debe')} ser una lista de identificadores.`) }),
    ArrayMinSize(o.minSize, { message: say((n) => `${n.Name} ${verb(n, 'debe')} tener al menos ${o.minSize} elemento(s).`) }),
    ArrayMaxSize(o.maxSize, { message: say((n) => `${n.Name} ${verb(n, 'admite')} como máximo ${o.maxSize} elementos.`) }),
    ArrayUnique({ message: say((n) => `${n.Name} no ${verb(n, 'debe')} repetir identificadores.`) }),
    IsUUID('all', { each: true, message: say((n) => `Cada elemento de ${n.name} debe ser un identificador válido (UUID).`) }),
  );
}

export function EnumField(values: readonly string[], o: Common): PropertyDecorator {
  return applyDecorators(
    api(o, 'enum', values[0], { enum: values, type: String }),
    ...presence(o),
    IsIn(values as string[], { message: say((n) => `${n.Name} ${verb(n, 'debe')} ser uno de estos valores: ${values.join(', ')}.`) }),
  );
}

/** A list of values of an enumeration (roles). */
export function EnumArrayField(values: readonly string[], o: Common & { itemName: string; maxSize: number }): PropertyDecorator {
  return applyDecorators(
    api(o, 'enums', [values[values.length - 1]], { enum: values, isArray: true, maxItems: o.maxSize }),
    ...presence(o),
    IsArray({ message: say((n) => `${n.Name} ${verb(n, 'debe')} ser una lista.`) }),
    ArrayMaxSize(o.maxSize, { message: say((n) => `${n.Name} ${verb(n, 'admite')} como máximo ${o.maxSize} elementos.`) }),
    ArrayUnique({ message: say((n) => `${n.Name} no ${verb(n, 'debe')} repetir valores.`) }),
    IsIn(values as string[], {
      each: true,
      message: (a: ValidationArguments) => `Cada ${o.itemName} debe ser uno de estos valores: ${values.join(', ')} (recibido: ${String(a.value)}).`,
    }),
  );
}

/** An e-mail address, kept in lower case. */
export function EmailField(o: Common): PropertyDecorator {
  return applyDecorators(
    api(o, 'email', 'alguien@prueba.gob.mx', { type: String, format: 'email', maxLength: 320, example: o.example ?? 'analista@imss.gob.mx' }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    ...presence(o),
    IsString({ message: say(textMessage) }),
    MaxLength(320, { message: say((n) => tooLongMessage(n, 320)) }),
    IsEmail({}, { message: say((n) => `${n.Name} no ${isAre(n)} ${agree(n, 'válid')}; escríbelo como analista@imss.gob.mx.`) }),
  );
}

/** Any JSON value; what it may be is checked by the service (settings). */
export function AnyField(o: Common): PropertyDecorator {
  return applyDecorators(api(o, 'any', 'x', {}), ...presence(o));
}

/** A calendar date as YYYY-MM-DD that exists (2024-02-31 is refused). */
export function DateField(o: Common): PropertyDecorator {
  return applyDecorators(api(o, 'date', '2030-12-31', { type: String, format: 'date', example: o.example ?? '2024-12-31' }), ...presence(o), IsCalendarDate());
}

function IsCalendarDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: say((n) => `${n.Name} ${verb(n, 'debe')} ser una fecha válida con formato AAAA-MM-DD (por ejemplo 2024-12-31).`),
      },
    });
  };
}

/** A list of objects; itemLabel names one of them in messages ("la acción" → "Acción 2: …"). */
export function NestedArrayField(type: () => new () => object, o: Common & { itemLabel: string; minSize: number; maxSize: number }): PropertyDecorator {
  return applyDecorators(
    api(o, 'nested', [], { type: () => [type()], minItems: o.minSize, maxItems: o.maxSize }, { itemType: type, itemLabel: o.itemLabel }),
    ...presence(o),
    IsArray({ message: say((n) => `${n.Name} ${verb(n, 'debe')} ser una lista.`) }),
    ArrayMinSize(o.minSize, { message: say((n) => `${n.Name} ${verb(n, 'debe')} tener al menos ${o.minSize} elemento(s).`) }),
    ArrayMaxSize(o.maxSize, { message: say((n) => `${n.Name} ${verb(n, 'admite')} como máximo ${o.maxSize} elementos.`) }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
