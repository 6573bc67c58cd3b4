import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/*
 * Property decorators for response views: the OpenAPI type, format and
 * nullability of what the API returns, stated the same way everywhere. Every
 * response of every operation is checked against these schemas by
 * test/openapi-contract.e2e-spec.ts, so a view that drifts from its service fails there.
 */
interface Opts {
  description?: string;
  nullable?: boolean;
  example?: unknown;
  /** Absent from some answers (the default is: always present). */
  optional?: boolean;
}

function prop(o: Opts, schema: Record<string, unknown>): PropertyDecorator {
  return ApiProperty({ ...schema, description: o.description, nullable: o.nullable || undefined, example: o.example, required: !o.optional });
}

export const UuidProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: String, format: 'uuid' });
/** An instant, serialised as ISO 8601 with time zone. */
export const TimestampProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: String, format: 'date-time' });
/** A calendar date, AAAA-MM-DD. */
export const DateProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: String, format: 'date', example: o.example ?? '2024-12-31' });
export const TextProp = (o: Opts & { maxLength?: number; format?: string } = {}): PropertyDecorator =>
  prop(o, { type: String, maxLength: o.maxLength, format: o.format });
export const IntProp = (o: Opts & { minimum?: number; maximum?: number } = {}): PropertyDecorator =>
  prop(o, { type: 'integer', minimum: o.minimum, maximum: o.maximum });
export const NumberProp = (o: Opts & { minimum?: number; maximum?: number } = {}): PropertyDecorator =>
  prop(o, { type: Number, minimum: o.minimum, maximum: o.maximum });
export const BoolProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: Boolean });
export const EnumProp = (values: readonly string[], o: Opts = {}): PropertyDecorator => prop(o, { type: String, enum: [...values] });
export const EnumArrayProp = (values: readonly string[], o: Opts = {}): PropertyDecorator => prop(o, { type: String, enum: [...values], isArray: true });
// Nest recognises a lazy type resolver by its name, "type" (the name an arrow function takes from this key).
export const ObjectProp = (of: () => Type<unknown>, o: Opts = {}): PropertyDecorator => prop(o, { type: () => of() });
export const ArrayProp = (of: () => Type<unknown>, o: Opts = {}): PropertyDecorator => prop(o, { type: () => of(), isArray: true });
export const UuidArrayProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: String, format: 'uuid', isArray: true });
export const TextArrayProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: String, isArray: true });
export const IntArrayProp = (o: Opts = {}): PropertyDecorator => prop(o, { type: 'integer', isArray: true });
/** Any JSON value (the bitácora's before/after, a setting's value). */
export const JsonProp = (o: Opts = {}): PropertyDecorator => prop(o, {});
