import { DuplicateError, NotFoundError } from '../../common/errors/domain-error';
import { CatalogErrorCode } from '../../common/errors/error-codes';

/** The module's codes live in the catalog of every code (common/errors/error-codes.ts); its call sites import them from here. */
export { CatalogErrorCode };

/** What each record is called in the messages ("No existe el programa …"). */
export const CATALOG_LABEL = {
  [CatalogErrorCode.InstitutionNotFound]: 'la institución',
  [CatalogErrorCode.RamoNotFound]: 'el ramo',
  [CatalogErrorCode.ProgramNotFound]: 'el programa',
  [CatalogErrorCode.AreaNotFound]: 'el área',
  [CatalogErrorCode.CycleNotFound]: 'el ciclo',
  [CatalogErrorCode.EvaluationNotFound]: 'la evaluación',
  [CatalogErrorCode.RecommendationNotFound]: 'la recomendación',
} as const satisfies Record<CatalogErrorCode, string>;

/** A catalog record that does not exist (404). */
export class CatalogNotFoundError extends NotFoundError {
  constructor(code: CatalogErrorCode, id?: string) {
    super(CATALOG_LABEL[code], code, id);
  }
}

export const duplicateCycle = (label: string) => new DuplicateError(`Ya existe el periodo ${label}.`, [{ field: 'label', message: 'Periodo repetido.' }]);

export const duplicateArea = (existing: string, name: string) =>
  new DuplicateError(`Ya existe el área «${existing}», que coincide con «${name}»; usa la existente.`, [
    { field: 'name', message: 'Nombre repetido (se comparan sin acentos, mayúsculas ni punto final).' },
  ]);

export const duplicateRamo = (code: string) =>
  new DuplicateError(`Ya existe el ramo ${code}; usa el existente.`, [{ field: 'code', message: 'Clave repetida.' }]);

export const duplicateInstitution = (acronym: string) =>
  new DuplicateError(`Ya existe una institución con las siglas ${acronym}.`, [{ field: 'acronym', message: 'Siglas repetidas.' }]);

export const duplicateProgram = (modality: string, code: string, ramo: string) =>
  new DuplicateError(`Ya existe el programa ${modality}-${code} en el ramo ${ramo}; usa el existente.`, [
    { field: 'code', message: 'Programa repetido (ramo, modalidad y clave).' },
  ]);

export const duplicateEvaluation = (externalId: string) =>
  new DuplicateError(`Ya existe la evaluación ${externalId}.`, [{ field: 'externalId', message: 'Identificador repetido.' }]);

export const duplicateRecommendation = (n: number) =>
  new DuplicateError(`La evaluación ya tiene la recomendación ${n}.`, [{ field: 'number', message: 'Número repetido.' }]);

export const repeatedRecommendationNumbers = (index: number) =>
  new DuplicateError('Hay recomendaciones con el mismo número.', [{ field: `recommendations[${index}].number`, message: 'Número repetido.' }]);
