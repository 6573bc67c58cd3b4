import { EntityManager } from 'typeorm';
import { ErrorDetail, ReferenceNotFoundError } from '../../common/errors/domain-error';
import { existingIds, ReferencedTable as Table } from './references.repository';

const LABEL: Record<Table, string> = {
  programs: 'el programa',
  cycles: 'el ciclo',
  areas: 'el área',
  evaluations: 'la evaluación',
  recommendations: 'la recomendación',
  institutions: 'la institución',
  users: 'el usuario',
};

/**
 * Checks that the ids a request refers to exist, and reports every missing one
 * by field, before anything is written.
 */
export class ReferenceCheck {
  private readonly wanted: { field: string; table: Table; id: string }[] = [];

  constructor(private readonly em: EntityManager) {}

  need(field: string, table: Table, id: string | null | undefined): this {
    if (id) this.wanted.push({ field, table, id });
    return this;
  }

  needAll(field: string, table: Table, ids: readonly string[] | undefined): this {
    ids?.forEach((id, i) => this.wanted.push({ field: `${field}[${i}]`, table, id }));
    return this;
  }

  async verify(): Promise<void> {
    const missing: ErrorDetail[] = [];
    const byTable = new Map<Table, Set<string>>();
    for (const w of this.wanted) byTable.set(w.table, (byTable.get(w.table) ?? new Set()).add(w.id));
    const found = new Map<Table, Set<string>>();
    for (const [table, ids] of byTable) found.set(table, await existingIds(this.em, table, [...ids]));
    for (const w of this.wanted) {
      if (!found.get(w.table)?.has(w.id)) missing.push({ field: w.field, message: `No existe ${LABEL[w.table]} con el identificador ${w.id}.` });
    }
    if (missing.length) throw new ReferenceNotFoundError(missing);
  }
}
