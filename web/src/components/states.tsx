import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, messageOf } from '../api/errors';

export function Loading({ what = 'Cargando' }: { what?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{what}…</Text>
      </Group>
    </Center>
  );
}

/** An error of a whole screen: no access, missing, or the API's message, with a way out. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e = error instanceof ApiError ? error : undefined;
  const title = e?.status === 403 ? 'No tienes acceso' : e?.status === 404 ? 'No existe' : 'No se pudo cargar';
  return (
    <Stack gap="md" py="lg" role="alert">
      <Title order={2}>{title}</Title>
      <Text>{e?.status === 403 ? `${messageOf(error)}` : messageOf(error)}</Text>
      <Group>
        {onRetry && e?.status !== 403 && e?.status !== 404 && <Button onClick={onRetry}>Intentar de nuevo</Button>}
        <Button component={Link} to="/" variant="default">
          Ir al inicio
        </Button>
      </Group>
    </Stack>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack gap={4} py="lg" align="center" ta="center">
      <Text fw={600}>{title}</Text>
      {children && <Text c="gray.7">{children}</Text>}
    </Stack>
  );
}

/** An error of an action (save, submit, approve): the API's message; for a conflict, reload without losing what was typed. */
export function ActionError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : undefined;
  const fields = e?.details.filter((d) => d.message && d.field !== 'version') ?? [];
  return (
    <Alert color="red" variant="light" title={e?.isConflict ? 'Alguien más cambió este registro' : 'No se pudo completar'} role="alert">
      <Stack gap="xs">
        <Text size="sm">{messageOf(error)}</Text>
        {fields.length > 0 && !e?.isConflict && (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {fields.map((d, i) => (
              <li key={i}>
                <Text size="sm">{d.message}</Text>
              </li>
            ))}
          </ul>
        )}
        {e?.isConflict && onReload && (
          <Group>
            <Button size="xs" onClick={onReload}>
              Recargar los datos actuales (conservo lo que escribí)
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A list being read: `loading` while it loads, the error (with a retry) if it fails, `empty` for no items, else `children` with its data. */
export function ListQuery<D extends { items: unknown[] }>(p: {
  query: UseQueryResult<D>;
  loading: string;
  empty: ReactNode;
  children: (data: D) => ReactNode;
}) {
  const q = p.query;
  if (q.isPending) return <Loading what={p.loading} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return q.data.items.length === 0 ? p.empty : p.children(q.data);
}
