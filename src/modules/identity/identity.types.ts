export const ROLES = ['administrador', 'evaluacion', 'coordinador', 'responsable', 'consulta', 'consulta_global'] as const;
export type Role = (typeof ROLES)[number];
