import type { AsmStatus } from '../asm/asm.types';
import type { AvanceEventName, AvanceStatus, ProrrogaStatus } from './progress.types';

/** Row types of the progress repositories, shared with the services and the views (progress.view.ts). */

export interface EvidenceView {
  id: string;
  version: number;
  displayName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface AvanceHistoryEntry {
  at: Date;
  actorId: string | null;
  event: AvanceEventName;
  percent: number | null;
  note: string | null;
}

export interface AvanceView {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  corte: { id: string; label: string; status: string };
  percent: number;
  /** The action's official % (last approved) when this avance was read. */
  approvedPercent: number;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  decreaseJustification: string | null;
  status: AvanceStatus;
  returnReason: string | null;
  createdBy: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  evidence: EvidenceView[];
  history?: AvanceHistoryEntry[];
}

/** An avance as its statements return it: the cut by year and month (the service prints its label). */
export type AvanceRow = Omit<AvanceView, 'corte' | 'history'> & { corte: { id: string; year: number; month: number; status: string } };

/** An avance locked for a change, with everything its rules and permissions need (one query). */
export interface LockedAvance {
  version: number;
  status: AvanceStatus;
  action_id: string;
  corte_id: string;
  percent: number;
  decrease_justification: string | null;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  asmId: string;
  actionPercent: number;
  asmStatus: AsmStatus;
  coordinatingAreaId: string | null;
  responsibleAreaIds: string[];
  corteStatus: string;
  corteYear: number;
  corteMonth: number;
}

export interface ProrrogaView {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  /** The fecha de término as first committed. */
  originalDueDate: string | null;
  previousDueDate: string;
  requestedDueDate: string;
  justification: string;
  status: ProrrogaStatus;
  decisionReason: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** Which records a list may show (from the policy's scope) and its filters. */
export interface ListScope {
  all: boolean;
  coordinatingAreaIds: string[];
  responsibleAreaIds: string[];
  institutionId: string | null;
}
