/** Rows of the catalog's tables as its statements return them (docs/decisions/0043-row-types.md). */

/** Ramo administrativo (e.g. 19 Aportaciones a Seguridad Social, 50 IMSS). */
export interface RamoRow {
  code: string;
  name: string;
}

/** Dependencia o entidad (e.g. IMSS). */
export interface InstitutionRow {
  id: string;
  acronym: string;
  name: string;
  /** The deployment's default institution: rows written without naming one (importers, seed) belong to it. */
  isDefault: boolean;
  /** IANA time zone of the institution's dates (a prórroga's "today"). */
  timeZone: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Periodo / ciclo of the mechanism, e.g. "2021-2022". Immutable once created. */
export interface CycleRow {
  id: string;
  label: string;
  startYear: number;
  createdAt: Date;
}

/** Unidad administrativa: coordinating or responsible area. */
export interface AreaRow {
  id: string;
  name: string;
  acronym: string | null;
  parentId: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
