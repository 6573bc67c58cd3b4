import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { ListActionsQuery, ListAsmsQuery } from '../../modules/asm/dto/asm.dto';
import { ValidationFailedError } from '../errors/domain-error';
import { createValidationPipe } from './validation.pipe';

const query = (metatype: new () => object): ArgumentMetadata => ({ type: 'query', metatype, data: undefined });

async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return (err as ValidationFailedError).details;
  }
  throw new Error('no se rechazó');
}

describe('the validation pipe remembers accepted queries', () => {
  it('answers an accepted query again with an equal copy of its DTO, never the same object', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ pageSize: '50', overdue: 'true' }, query(ListActionsQuery))) as ListActionsQuery;
    expect(first).toBeInstanceOf(ListActionsQuery);
    expect({ ...first }).toEqual({ pageSize: 50, overdue: true });
    first.pageSize = 7;
    const again = (await pipe.transform({ pageSize: '50', overdue: 'true' }, query(ListActionsQuery))) as ListActionsQuery;
    expect(again).toBeInstanceOf(ListActionsQuery);
    expect(again).not.toBe(first);
    expect({ ...again }).toEqual({ pageSize: 50, overdue: true });
  });

  it('tells queries apart by their text and by their DTO', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ pageSize: '50' }, query(ListActionsQuery));
    expect({ ...((await pipe.transform({ pageSize: '20' }, query(ListActionsQuery))) as object) }).toEqual({ pageSize: 20 });
    const asms: unknown = await pipe.transform({ pageSize: '50' }, query(ListAsmsQuery));
    expect(asms).toBeInstanceOf(ListAsmsQuery);
    // A field one DTO admits is refused by another, even after the same text was accepted for the first.
    const program = { programId: '7b0c7e5e-0000-4000-8000-000000000001' };
    expect({ ...((await pipe.transform(program, query(ListAsmsQuery))) as object) }).toEqual(program);
    expect(await refusal(() => pipe.transform(program, query(ListActionsQuery)))).toEqual([
      { field: 'programId', message: 'programId no es un campo admitido; elimínalo.' },
    ]);
  });

  it('refuses a bad query every time, with the same Spanish messages as the first time', async () => {
    const pipe = createValidationPipe();
    const bad = { pageSize: '500', x: '1' };
    const expected = [
      { field: 'x', message: 'x no es un campo admitido; elimínalo.' },
      { field: 'pageSize', message: 'El tamaño de página debe ser un entero entre 1 y 100.' },
    ];
    expect(await refusal(() => pipe.transform(bad, query(ListActionsQuery)))).toEqual(expected);
    await pipe.transform({ pageSize: '50' }, query(ListActionsQuery));
    expect(await refusal(() => pipe.transform(bad, query(ListActionsQuery)))).toEqual(expected);
  });
});
