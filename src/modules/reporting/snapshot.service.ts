import { Injectable } from '@nestjs/common';
import { Page, PageQuery, pageBounds } from '../../common/http/pagination';
import { Actor } from '../identity/actor';
import { Policy } from '../identity/policy/policy';
import { CortesRepository } from './cortes.repository';
import type { SourceRow } from './documents/model';
import { CorteNotFoundError, CorteStateError, ReportingErrorCode } from './reporting.errors';
import { SnapshotRepository } from './snapshot.repository';

/** A frozen row of a closed cut as its route shows it: the document's row, with the ASM's classification and the action's first due date. */
export interface SnapshotRowView extends Omit<SourceRow, 'programId'> {
  rowOrder: number;
  actionId: string | null;
  classification: string;
  originalDueDate: string | null;
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
    const { items, total } = await this.snapshots.page(corteId, this.policy.scope(actor, 'read', 'Asm'), pageSize, offset);
    return { items, page, pageSize, total };
  }
}
