import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../src/common/errors/domain-error';
import { ImportService } from '../../src/modules/intake/import.service';
import { SYSTEM_ACTOR } from '../../src/modules/identity/actor';
import { createServiceContext, ServiceContext } from '../support/services';

const REFERENCE = join(__dirname, '..', 'fixtures', 'reference', 'avance-documento-institucional-imss-bienestar-2022-09.txt');
const OPTIONS = { ramoCode: '19', institutionAcronym: 'IMSS', institutionName: 'Instituto Mexicano del Seguro Social' };

describe('intake: the import service, without HTTP', () => {
  let s: ServiceContext;
  beforeAll(async () => {
    s = await createServiceContext();
  });
  afterAll(() => s.close());

  it('refuses an official import without the ramo and institution with a domain error naming both fields', async () => {
    const run = s.get(ImportService).run({ source: 'oficial', content: await readFile(REFERENCE), fileName: 'avance.txt', dryRun: true, actor: SYSTEM_ACTOR });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(run).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'ramo' }, { field: 'institucion' }] });
  });

  it('gives a historical corte the dates of every corte: the month-end cut-off, due ten business days later', async () => {
    const report = await s
      .get(ImportService)
      .run({ source: 'oficial', content: await readFile(REFERENCE), fileName: 'avance.txt', dryRun: false, options: OPTIONS, actor: SYSTEM_ACTOR });
    expect(report.applied).toBe(true);
    expect(report.created.cortes).toBe(1);
    const { rows } = await s.db.query(`SELECT year, month, cutoff_date::text AS cutoff, submission_deadline::text AS deadline FROM cortes`);
    // Friday 30 September 2022, then ten business days (CORTE_SUBMISSION_BUSINESS_DAYS' default): Friday 14 October.
    expect(rows).toEqual([{ year: 2022, month: 9, cutoff: '2022-09-30', deadline: '2022-10-14' }]);
  });
});
