import { Injectable } from '@nestjs/common';
import { Page, PageQuery, pageBounds } from '../../common/http/pagination';
import { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { CortesRepository } from './cortes.repository';
import { CorteNotFoundError, CorteStateError, ReportingErrorCode } from './reporting.errors';
import { SnapshotRepository } from './snapshot.repository';

export interface SnapshotRowView {
  rowOrder: number;
  asmId: string;
  actionId: string | null;
  cycleLabel: string;
  classification: string;
  programKey: string;
  programName: string;
  asmText: string;
  coordinatingArea: string;
  actionDescription: string;
  responsibleAreas: string;
  dueDate: string | null;
  originalDueDate: string | null;
  expectedResults: string;
  products: string;
  percent: number | null;
  proofDocumentName: string;
  proofDocumentLocation: string;
  observations: string;
  monthYear: string;
  promedio: string | null;
}

/** Read side of the frozen snapshots, filtered by the caller's areas. */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly cortes: CortesRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly policy: Policy,
  ) {}

  async rows(corteId: string, q: PageQuery, actor: Actor): Promise<Page<SnapshotRowView>> {
    const corte = await this.cortes.state(corteId);
    const notFound = () => new CorteNotFoundError(corteId);
    if (!corte) throw notFound();
    // Another institution's cut is not found (the deployment-wide role reads every institution's).
    this.policy.assertInstitution(actor, 'read', corte.institutionId, notFound);
    if (corte.status !== 'cerrado')
      throw new CorteStateError('El corte aún no se cierra: su instantánea se congela al cerrarlo.', ReportingErrorCode.CorteNotClosed);
    const { page, pageSize, offset } = pageBounds(q);
    const { rows, total } = await this.snapshots.page(corteId, this.policy.scope(actor, 'read', 'Asm'), pageSize, offset);
    return { items: rows, page, pageSize, total };
  }
}
