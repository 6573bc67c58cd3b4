import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';

@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!isUUID(value)) {
      throw new ValidationFailedError([{ field: this.name, message: `${this.name} debe ser un identificador UUID.` }]);
    }
    return value;
  }
}

/** A path parameter that must be a UUID (400 with a Spanish message otherwise). */
export function IdParam(name = 'id'): ParameterDecorator {
  return Param(name, new UuidPipe(name));
}
