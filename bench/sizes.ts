/** Data sizes of quality-bars.md. */
export interface Size {
  name: 'S' | 'M' | 'L';
  programs: number;
  asms: number;
  actionsPerAsm: number;
  avancesPerAction: number;
  evidencePerAction: number;
  areas: number;
  coordinatingAreas: number;
}

export const SIZES: Record<'S' | 'M' | 'L', Size> = {
  // S is the reference sample itself (the demo data).
  S: { name: 'S', programs: 1, asms: 8, actionsPerAsm: 1, avancesPerAction: 1, evidencePerAction: 0, areas: 6, coordinatingAreas: 2 },
  // The federal history: 500 programs, 3,500 ASMs, ~10,000 actions, 40,000 avances, 10,000 files.
  M: { name: 'M', programs: 500, asms: 3_500, actionsPerAsm: 3, avancesPerAction: 4, evidencePerAction: 1, areas: 200, coordinatingAreas: 40 },
  // Headroom: 2,000 programs, 50,000 ASMs, 150,000 actions, 600,000 avances, 150,000 files (metadata).
  L: { name: 'L', programs: 2_000, asms: 50_000, actionsPerAsm: 3, avancesPerAction: 4, evidencePerAction: 1, areas: 600, coordinatingAreas: 100 },
};
