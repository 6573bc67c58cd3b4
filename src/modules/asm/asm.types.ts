export const CLASSIFICATIONS = ['especifico', 'institucional', 'interinstitucional', 'intergubernamental'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** 'nd' = not determined (N/D in older SHCP records). */
export const PRIORITIES = ['alta', 'media', 'baja', 'nd'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const IMPROVEMENT_TYPES = ['corrige', 'modifica', 'reorienta', 'adiciona', 'fundamenta'] as const;
export type ImprovementType = (typeof IMPROVEMENT_TYPES)[number];

export const ASM_STATUSES = ['borrador', 'comprometido', 'en_proceso', 'concluido', 'cancelado'] as const;
export type AsmStatus = (typeof ASM_STATUSES)[number];
