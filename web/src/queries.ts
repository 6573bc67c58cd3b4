import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from './api/client';
import type { Action, Area, Asm, Avance, Corte, Cycle, Page, Program, Prorroga } from './api/types';
import { hasRole, useProfile } from './auth';

/** Server state shared by several screens, one cache key each (TanStack Query). */
export const keys = {
  action: (id: string) => ['action', id] as const,
  asm: (id: string) => ['asm', id] as const,
  avances: (actionId: string) => ['avances', { actionId }] as const,
  avance: (id: string) => ['avance', id] as const,
  prorrogas: (actionId: string) => ['prorrogas', { actionId }] as const,
  prorroga: (id: string) => ['prorroga', id] as const,
  corte: (id: string) => ['corte', id] as const,
};

/** One record read by its id: nothing is read until there is an id. */
function useRecord<T>(key: (id: string) => readonly unknown[], id: string | undefined, read: (id: string) => Promise<T>) {
  return useQuery({ queryKey: key(id ?? ''), queryFn: () => read(id!), enabled: Boolean(id) });
}

export const useAction = (id: string) => useRecord(keys.action, id, (id) => unwrap<Action>(api.GET('/api/v1/actions/{id}', { params: { path: { id } } })));
export const useAsm = (id: string | undefined) => useRecord(keys.asm, id, (id) => unwrap<Asm>(api.GET('/api/v1/asms/{id}', { params: { path: { id } } })));
export const useAvance = (id: string | undefined) =>
  useRecord(keys.avance, id, (id) => unwrap<Avance>(api.GET('/api/v1/avances/{id}', { params: { path: { id } } })));
export const useProrroga = (id: string) =>
  useRecord(keys.prorroga, id, (id) => unwrap<Prorroga>(api.GET('/api/v1/prorrogas/{id}', { params: { path: { id } } })));
export const useCorte = (id: string) => useRecord(keys.corte, id, (id) => unwrap<Corte>(api.GET('/api/v1/cortes/{id}', { params: { path: { id } } })));

/** An action's avances (or prórrogas): all of them, in one page. */
export function useAvances(actionId: string) {
  return useQuery({
    queryKey: keys.avances(actionId),
    queryFn: () => unwrap<Page<Avance>>(api.GET('/api/v1/avances', { params: { query: { actionId, pageSize: 100 } } })),
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

type Option = { value: string; label: string };
const NO_OPTIONS: Option[] = [];

/** A catalog as the options of a select ([] until it arrives): it changes seldom, so it is read again only after five minutes. */
function useOptions(name: string, read: () => Promise<Option[]>) {
  return useQuery({ queryKey: [name], queryFn: read, staleTime: 5 * 60_000 }).data ?? NO_OPTIONS;
}

export const useAreaOptions = () =>
  useOptions('areas', async () => {
    const page = await unwrap<Page<Area>>(api.GET('/api/v1/areas', { params: { query: { pageSize: 100 } } }));
    return page.items.map((a) => ({ value: a.id, label: a.name }));
  });
export const useProgramOptions = () =>
  useOptions('programs', async () => {
    const page = await unwrap<Page<Program>>(api.GET('/api/v1/programs', { params: { query: { pageSize: 100 } } }));
    return page.items.map((p) => ({ value: p.id, label: `${p.key} ${p.name}` }));
  });
export const useCycleOptions = () =>
  useOptions('cycles', async () => (await unwrap<Cycle[]>(api.GET('/api/v1/cycles'))).map((c) => ({ value: c.id, label: c.label })));

/**
 * The action and ASM of an avance or prórroga, and whether the signed-in person decides on it: a coordinator of the
 * ASM's coordinating area.
 */
export function useUnderReview(item: { actionId: string; asmId: string } | undefined) {
  const profile = useProfile();
  const action = useAction(item?.actionId ?? '');
  const asm = useAsm(item?.asmId);
  const area = asm.data?.coordinatingArea;
  const reviewer = hasRole(profile, 'coordinador') && Boolean(area) && profile.areas.some((a) => a.id === area!.id);
  return { action, asm, reviewer };
}

/**
 * Once an avance or prórroga of action `actionId` is sent: refresh that list of the action (`list`) and the worklist,
 * confirm it with `message` and go back to the action.
 */
export function useSentFromAction(actionId: string) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return async (list: readonly unknown[], message: string) => {
    await qc.invalidateQueries({ queryKey: list });
    await qc.invalidateQueries({ queryKey: ['worklist'] });
    notifications.show({ color: 'green', message });
    void navigate(`/acciones/${actionId}`);
  };
}
