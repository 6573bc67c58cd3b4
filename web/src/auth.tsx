import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api/client';
import { session, type Profile, type SessionState } from './api/session';
import type { ClientConfig } from './api/types';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.state);
}

/** The signed-in person (inside the signed-in part of the app). */
export function useProfile(): Profile {
  const s = useSession();
  if (s.status !== 'signed-in') throw new Error('useProfile fuera de una sesión');
  return s.profile;
}

export function hasRole(p: Profile, ...roles: string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Where a person starts: the list that holds their daily job. */
export function homeOf(p: Profile): string {
  if (hasRole(p, 'responsable')) return '/acciones';
  if (hasRole(p, 'coordinador')) return '/revision';
  return '/inicio';
}

export function useClientConfig() {
  return useQuery({
    queryKey: ['client-config'],
    queryFn: () => unwrap<ClientConfig>(api.GET('/api/v1/client-config')),
    staleTime: 5 * 60_000,
  });
}
