import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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

/*
 * Field decorators for request DTOs: validation with Spanish messages and the
 * OpenAPI description in one place, so every DTO states its rules the same way.
 *
 * optional: the property may be absent (undefined). nullable: null is accepted
 * and clears the value. A PATCH sends only what it changes.
 */
interface Common {
  description: string;
  optional?: boolean;
  nullable?: boolean;
  example?: unknown;
}

function presence(o: Common): PropertyDecorator[] {
  const out: PropertyDecorator[] = [];
  if (o.optional || o.nullable) {
    out.push(
      ValidateIf((_obj: object, value: unknown) => {
        if (value === undefined) return !o.optional;
        if (value === null) return !o.nullable;
        return true;
      }),
    );
  }
  return out;
}

function api(o: Common, extra: Record<string, unknown>): PropertyDecorator {
  return ApiProperty({
    description: o.description,
    required: !o.optional,
    nullable: o.nullable,
    example: o.example,
    ...extra,
  });
}

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export function TextField(o: Common & { max: number; min?: number }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: String, maxLength: o.max, minLength: o.min ?? 1 }),
    trim,
    ...presence(o),
    IsString({ message: (a: ValidationArguments) => `${a.property} debe ser texto.` }),
    MinLength(o.min ?? 1, {
      message: (a: ValidationArguments) =>
        (o.min ?? 1) === 1 ? `${a.property} no puede estar vacío.` : `${a.property} debe tener al menos ${o.min} caracteres.`,
    }),
    MaxLength(o.max, {
      message: (a: ValidationArguments) => `${a.property} admite como máximo ${o.max} caracteres (recibidos ${String(a.value).length}).`,
    }),
  );
}

export function PatternField(o: Common & { pattern: RegExp; hint: string; max: number }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: String, pattern: o.pattern.source, maxLength: o.max }),
    trim,
    ...presence(o),
    IsString({ message: (a: ValidationArguments) => `${a.property} debe ser texto.` }),
    MaxLength(o.max, { message: (a: ValidationArguments) => `${a.property} admite como máximo ${o.max} caracteres.` }),
    Matches(o.pattern, { message: (a: ValidationArguments) => `${a.property} no tiene el formato esperado: ${o.hint}.` }),
  );
}

export function IntField(o: Common & { min: number; max: number; query?: boolean }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: Number, minimum: o.min, maximum: o.max }),
    ...(o.query ? [Type(() => Number)] : []),
    ...presence(o),
    IsInt({ message: (a: ValidationArguments) => `${a.property} debe ser un número entero.` }),
    Min(o.min, { message: (a: ValidationArguments) => `${a.property} debe ser un entero entre ${o.min} y ${o.max}.` }),
    Max(o.max, { message: (a: ValidationArguments) => `${a.property} debe ser un entero entre ${o.min} y ${o.max}.` }),
  );
}

export function DecimalField(o: Common & { min: number; max: number; decimals: number }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: Number, minimum: o.min, maximum: o.max }),
    ...presence(o),
    IsNumber(
      { maxDecimalPlaces: o.decimals, allowNaN: false, allowInfinity: false },
      { message: (a: ValidationArguments) => `${a.property} debe ser un número con a lo más ${o.decimals} decimales.` },
    ),
    Min(o.min, { message: (a: ValidationArguments) => `${a.property} debe ser mayor o igual a ${o.min}.` }),
    Max(o.max, { message: (a: ValidationArguments) => `${a.property} debe ser menor o igual a ${o.max}.` }),
  );
}

export function VersionField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'Versión que leíste; si otra persona cambió el registro después, la respuesta es 409.', type: Number, minimum: 1 }),
    IsInt({ message: 'version debe ser el número entero de versión que leíste del registro.' }),
    Min(1, { message: 'version debe ser el número entero de versión que leíste del registro.' }),
  );
}

export function BooleanField(o: Common & { query?: boolean }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: Boolean }),
    ...(o.query
      ? [Transform(({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))]
      : []),
    ...presence(o),
    IsBoolean({ message: (a: ValidationArguments) => `${a.property} debe ser true o false.` }),
  );
}

export function UuidField(o: Common): PropertyDecorator {
  return applyDecorators(
    api(o, { type: String, format: 'uuid' }),
    ...presence(o),
    IsUUID('all', { message: (a: ValidationArguments) => `${a.property} debe ser un identificador UUID.` }),
  );
}

export function UuidArrayField(o: Common & { minSize: number; maxSize: number }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: [String], format: 'uuid', minItems: o.minSize, maxItems: o.maxSize }),
    ...presence(o),
    IsArray({ message: (a: ValidationArguments) => `${a.property} debe ser una lista de identificadores.` }),
    ArrayMinSize(o.minSize, { message: (a: ValidationArguments) => `${a.property} debe tener al menos ${o.minSize} elemento(s).` }),
    ArrayMaxSize(o.maxSize, { message: (a: ValidationArguments) => `${a.property} admite como máximo ${o.maxSize} elementos.` }),
    ArrayUnique({ message: (a: ValidationArguments) => `${a.property} no debe repetir identificadores.` }),
    IsUUID('all', { each: true, message: (a: ValidationArguments) => `Cada elemento de ${a.property} debe ser un identificador UUID.` }),
  );
}

export function EnumField(values: readonly string[], o: Common): PropertyDecorator {
  return applyDecorators(
    api(o, { enum: values, type: String }),
    ...presence(o),
    IsIn(values as string[], { message: (a: ValidationArguments) => `${a.property} debe ser uno de: ${values.join(', ')}.` }),
  );
}

/** A calendar date as YYYY-MM-DD that exists (2024-02-31 is refused). */
export function DateField(o: Common): PropertyDecorator {
  return applyDecorators(api(o, { type: String, format: 'date', example: o.example ?? '2024-12-31' }), ...presence(o), IsCalendarDate());
}

function IsCalendarDate(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: (a?: ValidationArguments) =>
          `${a?.property} debe ser una fecha válida con formato AAAA-MM-DD (por ejemplo 2024-12-31).`,
      },
    });
  };
}

export function NestedArrayField(type: () => new () => object, o: Common & { minSize: number; maxSize: number }): PropertyDecorator {
  return applyDecorators(
    api(o, { type: () => [type()], minItems: o.minSize, maxItems: o.maxSize }),
    ...presence(o),
    IsArray({ message: (a: ValidationArguments) => `${a.property} debe ser una lista.` }),
    ArrayMinSize(o.minSize, { message: (a: ValidationArguments) => `${a.property} debe tener al menos ${o.minSize} elemento(s).` }),
    ArrayMaxSize(o.maxSize, { message: (a: ValidationArguments) => `${a.property} admite como máximo ${o.maxSize} elementos.` }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
