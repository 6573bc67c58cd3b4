export const COORDINATING_INSTANCES = ['CONEVAL', 'SHCP', 'SFP'] as const;
export type CoordinatingInstance = (typeof COORDINATING_INSTANCES)[number];

/** The key as the official format prints it: modality, hyphen, clave ("S-038"); a transversal evaluation's key alone ("0002"). */
export function programKey(p: { modality: string; code: string }): string {
  return p.modality ? `${p.modality}-${p.code}` : p.code;
}
