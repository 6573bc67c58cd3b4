import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Where an anchor of the bitácora's head comes from: a cut closed, a document of record produced, a day passed. */
export type AnchorSource = 'corte' | 'documento' | 'diario';

export interface Anchor {
  seq: number;
  hash: string;
  /** False when that day was already anchored (the daily anchor is written once per date). */
  recorded: boolean;
}

/**
 * Records the head of the bitácora (sequence and hash) so that deleting its
 * newest events is detected by `npm run audit:verify`. The database function
 * reads the head itself; see migrations/1796000200000-audit-anchors.ts.
 */
@Injectable()
export class AuditAnchors {
  constructor(private readonly ds: DataSource) {}

  async record(source: AnchorSource, reference: string, em?: EntityManager): Promise<Anchor> {
    const [row] = await (em ?? this.ds.manager).query(`SELECT audit_seq AS seq, audit_hash AS hash, recorded FROM audit_anchor($1, $2)`, [source, reference]);
    return { seq: Number(row.seq), hash: row.hash, recorded: row.recorded };
  }
}
