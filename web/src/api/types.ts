import type { components } from './schema';

/*
 * Response bodies. Those the OpenAPI document describes come from the
 * generated schema; the rest are written here, as the API returns them
 * (the views of the services in src/modules), until every operation declares its
 * response schema.
 */
type S = components['schemas'];
export type Asm = S['AsmView'];
export type Action = S['ActionView'];
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

export interface Evidence {
  id: string;
  version: number;
  displayName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export type AvanceStatus = 'borrador' | 'enviado' | 'devuelto' | 'aprobado';

export interface Avance {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  corte: { id: string; label: string; status: string };
  percent: number;
  approvedPercent: number;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  decreaseJustification: string | null;
  status: AvanceStatus;
  returnReason: string | null;
  createdBy: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  createdAt: string;
  updatedAt: string;
  evidence: Evidence[];
  history?: { at: string; actorId: string | null; event: string; percent: number | null; note: string | null }[];
}

export type ProrrogaStatus = 'solicitada' | 'aprobada' | 'rechazada';

export interface Prorroga {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  originalDueDate: string | null;
  previousDueDate: string;
  requestedDueDate: string;
  justification: string;
  status: ProrrogaStatus;
  decisionReason: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface Corte {
  id: string;
  version: number;
  year: number;
  month: number;
  label: string;
  cutoffDate: string;
  submissionDeadline: string;
  status: 'programado' | 'abierto' | 'cerrado';
  openedAt: string | null;
  closedAt: string | null;
}

export interface Area {
  id: string;
  name: string;
  acronym: string | null;
}

export interface Program {
  id: string;
  key: string;
  name: string;
}

export interface Cycle {
  id: string;
  label: string;
}
