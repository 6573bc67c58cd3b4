import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import type { Action, Area, Asm, Avance, Corte, Cycle, Page, Program, Prorroga } from './api/types';

/** Server state shared by several screens, one cache key each (TanStack Query). */
export const keys = {
  action: (id: string) => ['action', id] as const,
  asm: (id: string) => ['asm', id] as const,
  avances: (actionId: string) => ['avances', { actionId }] as const,
  avance: (id: string) => ['avance', id] as const,
  prorrogas: (actionId: string) => ['prorrogas', { actionId }] as const,
  prorroga: (id: string) => ['prorroga', id] as const,
};

export function useAction(id: string) {
  return useQuery({
    queryKey: keys.action(id),
    queryFn: () => unwrap<Action>(api.GET('/api/v1/actions/{id}', { params: { path: { id } } })),
    enabled: Boolean(id),
  });
}

export function useAsm(id: string | undefined) {
  return useQuery({
    queryKey: keys.asm(id ?? ''),
    queryFn: () => unwrap<Asm>(api.GET('/api/v1/asms/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useAvances(actionId: string) {
  return useQuery({
    queryKey: keys.avances(actionId),
    queryFn: () => unwrap<Page<Avance>>(api.GET('/api/v1/avances', { params: { query: { actionId, pageSize: 100 } } })),
  });
}

export function useAvance(id: string | undefined) {
  return useQuery({
    queryKey: keys.avance(id ?? ''),
    queryFn: () => unwrap<Avance>(api.GET('/api/v1/avances/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useProrrogas(actionId: string) {
  return useQuery({
    queryKey: keys.prorrogas(actionId),
    queryFn: () => unwrap<Page<Prorroga>>(api.GET('/api/v1/prorrogas', { params: { query: { actionId, pageSize: 100 } } })),
  });
}

export function useOpenCorte() {
  return useQuery({
    queryKey: ['corte-abierto'],
    queryFn: async () => (await unwrap<Page<Corte>>(api.GET('/api/v1/cortes', { params: { query: { status: 'abierto', pageSize: 1 } } }))).items[0] ?? null,
    staleTime: 60_000,
  });
}

export function useAreas() {
  return useQuery({
    queryKey: ['areas'],
    queryFn: () => unwrap<Page<Area>>(api.GET('/api/v1/areas', { params: { query: { pageSize: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

export function usePrograms() {
  return useQuery({
    queryKey: ['programs'],
    queryFn: () => unwrap<Page<Program>>(api.GET('/api/v1/programs', { params: { query: { pageSize: 100 } } })),
    staleTime: 5 * 60_000,
  });
}

export function useCycles() {
  return useQuery({
    queryKey: ['cycles'],
    queryFn: async () => ({ items: await unwrap<Cycle[]>(api.GET('/api/v1/cycles')) }),
    staleTime: 5 * 60_000,
  });
}
