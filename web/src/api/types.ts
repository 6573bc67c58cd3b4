import type { components } from './schema';

/*
 * Response bodies, from the generated schema (the API's OpenAPI document), so
 * that they cannot drift from what the API returns. Only `Page` is written
 * here: the envelope of the lists whose page the document does not name.
 */
type S = components['schemas'];
export type Asm = S['AsmView'];
export type Action = S['ActionView'];
export type Avance = S['AvanceView'];
export type Evidence = S['EvidenceView'];
export type Prorroga = S['ProrrogaView'];
export type Corte = S['CorteView'];
export type Area = S['AreaView'];
export type Program = S['ProgramView'];
export type Cycle = S['CycleView'];
export type WorkAction = S['WorkActionView'];
export type WorkActionPage = S['WorkActionPage'];
export type ReviewItem = S['ReviewItemView'];
export type ReviewPage = S['ReviewPage'];
export type ClientConfig = S['ClientConfigView'];

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
