import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AnchorRow, AnchorSource, AuditRepository } from './audit.repository';

/**
 * Records the head of the bitácora (sequence and hash) so that deleting its
 * newest events is detected by `npm run audit:verify`. The database function
 * reads the head itself; see migrations/1796000200000-audit-anchors.ts.
 */
@Injectable()
export class AuditAnchors {
  constructor(private readonly audit: AuditRepository) {}

  /** In `em`'s transaction when given (a cut closing, a document of record), else on its own. */
  record(source: AnchorSource, reference: string, em?: EntityManager): Promise<AnchorRow> {
    return this.audit.anchor(em, source, reference);
  }
}
