import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';

@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!isUUID(value)) {
      throw new ValidationFailedError([{ field: this.name, message: 'El identificador de la dirección no es válido (debe ser un UUID); revisa el enlace.' }]);
    }
    return value;
  }
}

/** A path parameter that must be a UUID (400 with a Spanish message otherwise), documented as such in OpenAPI. */
export function IdParam(name = 'id'): ParameterDecorator {
  const param = Param(name, new UuidPipe(name));
  return (target, key, index) => {
    param(target, key, index);
    // Parameter decorators run before the method's own; the handler function they document is the same object.
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name, type: String, format: 'uuid', description: 'Identificador del registro.' })(target, key!, descriptor);
  };
}
