import { assertVersion } from '../../common/errors/domain-error';
import { CATALOG_LABEL, CatalogErrorCode, CatalogNotFoundError } from './catalog.errors';

/** The record read, or a 404 naming it (`code`) and the id asked for. */
export function orNotFound<T>(row: T | undefined, code: CatalogErrorCode, id: string): T {
  if (row === undefined) throw new CatalogNotFoundError(code, id);
  return row;
}

/** Before an update: 404 if the record (its version read under lock) is gone, 409 if the client read another version. */
export function assertCatalogVersion(current: number | undefined, expected: number, code: CatalogErrorCode, id: string): void {
  assertVersion(current, expected, CATALOG_LABEL[code], code, id);
}
