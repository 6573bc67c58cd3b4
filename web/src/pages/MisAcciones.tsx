import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { WorkAction, WorkActionPage } from '../api/types';
import { hasRole, useProfile } from '../auth';
import { AvanceBadge, SemaforoBadge } from '../components/badges';
import { FilterBar, SearchFilter, SelectFilter } from '../components/filters';
import { PageTitle } from '../components/PageTitle';
import { ResultList } from '../components/ResultList';
import { Empty } from '../components/states';
import { diasHabiles, fecha, porcentaje } from '../format';
import { AVANCE_STATUS, options, SEMAFORO } from '../labels';
import { useListParams } from '../list-params';

const PAGE_SIZE = 25;

function latest(a: WorkAction) {
  if (!a.latestAvance) return <AvanceBadge status="sin_avance" />;
  return (
    <Stack gap={2}>
      <AvanceBadge status={a.latestAvance.status} />
      <Text size="xs" c="gray.7">
        {porcentaje(a.latestAvance.percent)} · {a.latestAvance.corteLabel}
      </Text>
    </Stack>
  );
}

/** An action as a card of the narrow screens' list. */
function ActionCard({ a }: { a: WorkAction }) {
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={`/acciones/${a.id}`} fw={600} className="asm-wrap">
        {a.description}
      </Anchor>
      <Group gap="xs">
        <SemaforoBadge value={a.semaforo} />
        <Text size="sm">{diasHabiles(a.businessDaysLeft)}</Text>
      </Group>
      <Text size="xs" c="gray.7" className="asm-wrap" lineClamp={2}>
        {a.asm.program.key} · {a.asm.text}
      </Text>
      <Group gap="md" wrap="wrap">
        <Text size="sm">Término: {fecha(a.dueDate)}</Text>
        <Text size="sm">Oficial: {porcentaje(a.percent)}</Text>
      </Group>
      {latest(a)}
    </Stack>
  );
}

export default function MisAcciones() {
  const profile = useProfile();
  const list = useListParams();
  const { params, update } = list;
  const page = Number(params.get('pagina') ?? '1') || 1;
  const semaforo = params.get('semaforo');
  const avance = params.get('avance');
  const areaId = params.get('area');

  const query = useQuery({
    queryKey: ['worklist', { page, q: params.get('q'), semaforo, avance, areaId }],
    queryFn: () =>
      unwrap<WorkActionPage>(
        api.GET('/api/v1/worklist/actions', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              q: params.get('q') || undefined,
              semaforo: (semaforo as never) || undefined,
              avance: (avance as never) || undefined,
              areaId: areaId || undefined,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const mine = hasRole(profile, 'responsable');

  return (
    <>
      <PageTitle
        title={mine ? 'Mis acciones' : 'Acciones'}
        subtitle={mine ? 'Las acciones asignadas a tus áreas, las más urgentes primero.' : 'Las acciones que puedes consultar, las más urgentes primero.'}
      />
      <FilterBar>
        <SearchFilter list={list} placeholder="Acción, ASM o programa" width={240} />
        <SelectFilter
          list={list}
          name="semaforo"
          label="Semáforo"
          placeholder="Todos"
          data={Object.entries(SEMAFORO).map(([value, s]) => ({ value, label: s.label }))}
          width={200}
        />
        <SelectFilter list={list} name="avance" label="Último avance" placeholder="Todos" data={options(AVANCE_STATUS)} width={200} />
        {profile.areas.length > 1 && (
          <SelectFilter
            list={list}
            name="area"
            label="Área"
            placeholder="Todas"
            data={profile.areas.map((a) => ({ value: a.id, label: a.name }))}
            width={260}
          />
        )}
      </FilterBar>
      <ResultList
        query={query}
        loading="Cargando acciones"
        empty={
          <Empty title="No hay acciones que mostrar">
            {params.toString() ? 'Ninguna acción cumple los filtros; quítalos para ver todas.' : 'Cuando se te asigne una acción aparecerá aquí.'}
          </Empty>
        }
        summary={(total) => (
          <Text size="sm" aria-live="polite">
            {total === 1 ? '1 acción' : `${total.toLocaleString('es-MX')} acciones`}
          </Text>
        )}
        wideFrom="md"
        tableProps={{ verticalSpacing: 'xs', 'data-testid': 'tabla-acciones' }}
        head={
          <>
            <Table.Th>Acción</Table.Th>
            <Table.Th>Fecha de término</Table.Th>
            <Table.Th>Días hábiles</Table.Th>
            <Table.Th>Semáforo</Table.Th>
            <Table.Th ta="right">% oficial</Table.Th>
            <Table.Th>Último avance</Table.Th>
          </>
        }
        row={(a) => (
          <>
            <Table.Td maw={520}>
              <Anchor component={Link} to={`/acciones/${a.id}`} fw={600} className="asm-wrap">
                {a.description}
              </Anchor>
              <Text size="xs" c="gray.7" lineClamp={2} className="asm-wrap">
                {a.asm.program.key} {a.asm.program.name} · {a.asm.cycle.label} · {a.asm.text}
              </Text>
            </Table.Td>
            <Table.Td>
              {fecha(a.dueDate)}
              {a.originalDueDate && a.originalDueDate !== a.dueDate && (
                <Text size="xs" c="gray.7">
                  Original: {fecha(a.originalDueDate)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{diasHabiles(a.businessDaysLeft)}</Table.Td>
            <Table.Td>
              <SemaforoBadge value={a.semaforo} />
            </Table.Td>
            <Table.Td ta="right">{porcentaje(a.percent)}</Table.Td>
            <Table.Td>{latest(a)}</Table.Td>
          </>
        )}
        card={(a) => <ActionCard a={a} />}
        cardsTitle="Lista de acciones"
        pageSize={PAGE_SIZE}
        page={page}
        onPage={(p) => update({ pagina: String(p) })}
      />
    </>
  );
}
