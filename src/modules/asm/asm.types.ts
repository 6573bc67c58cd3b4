export const CLASSIFICATIONS = ['especifico', 'institucional', 'interinstitucional', 'intergubernamental'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** 'nd' = not determined (N/D in older SHCP records). */
export const PRIORITIES = ['alta', 'media', 'baja', 'nd'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const IMPROVEMENT_TYPES = ['corrige', 'modifica', 'reorienta', 'adiciona', 'fundamenta'] as const;
export type ImprovementType = (typeof IMPROVEMENT_TYPES)[number];

export const ASM_STATUSES = ['borrador', 'comprometido', 'en_proceso', 'concluido', 'cancelado'] as const;
export type AsmStatus = (typeof ASM_STATUSES)[number];

/**
 * The one definition of a reportable ASM: a committed plan not yet finished. Only these take
 * avances, prórrogas and evidence, get reminders, and have actions that can be overdue.
 */
export const REPORTABLE_STATUSES = ['comprometido', 'en_proceso'] as const satisfies readonly AsmStatus[];

export function isReportable(status: AsmStatus): boolean {
  return (REPORTABLE_STATUSES as readonly AsmStatus[]).includes(status);
}

/** The same rule in SQL, for an expression holding an ASM's status (e.g. `reportableSql('a.status')`). */
export function reportableSql(status: string): string {
  return `${status} IN (${REPORTABLE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
}
