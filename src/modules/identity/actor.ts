import type { Role } from './identity.types';

/** Who performs an operation: a signed-in user, or the system itself (seed, importers, worker). */
export interface Actor {
  id: string | null;
  email: string;
  roles: (Role | 'sistema')[];
  areaIds: string[];
  /** The institution the user belongs to (null for the system, which acts on every institution). */
  institutionId: string | null;
}

/** Jobs and command-line tools act as the system: every permission, no user id in the bitácora. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: null, email: 'sistema', roles: ['sistema'], areaIds: [], institutionId: null }) as Actor;
