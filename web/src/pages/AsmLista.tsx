import { Anchor, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Asm, Page } from '../api/types';
import { hasRole, useProfile } from '../auth';
import { AsmStatusBadge } from '../components/badges';
import { FilterBar, SearchFilter, SelectFilter } from '../components/filters';
import { PageTitle } from '../components/PageTitle';
import { ResultList } from '../components/ResultList';
import { Empty } from '../components/states';
import { promedio } from '../format';
import { ASM_STATUS, CLASSIFICATION, options, PRIORITY } from '../labels';
import { useListParams } from '../list-params';
import { useAreaOptions, useCycleOptions, useProgramOptions } from '../queries';

const PAGE_SIZE = 20;

function AsmLink({ asm }: { asm: Asm }) {
  return (
    <Anchor component={Link} to={`/asm/${asm.id}`} className="asm-wrap" lineClamp={3}>
      {asm.text}
    </Anchor>
  );
}

export default function AsmLista() {
  const profile = useProfile();
  const list = useListParams();
  const { params, update } = list;
  const programs = useProgramOptions();
  const cycles = useCycleOptions();
  const areas = useAreaOptions();
  const get = (k: string) => params.get(k);
  const page = Number(get('pagina') ?? '1') || 1;

  const filters = {
    programId: get('programa') || undefined,
    cycleId: get('periodo') || undefined,
    classification: (get('clasificacion') || undefined) as never,
    priority: (get('prioridad') || undefined) as never,
    status: (get('estado') || undefined) as never,
    responsibleAreaId: get('area') || undefined,
    overdue: get('vencidos') === '1' ? true : undefined,
    q: get('q') || undefined,
  };
  const q = useQuery({
    queryKey: ['asms', filters, page],
    queryFn: () => unwrap<Page<Asm>>(api.GET('/api/v1/asms', { params: { query: { ...filters, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageTitle
        title="Aspectos Susceptibles de Mejora"
        subtitle={hasRole(profile, 'coordinador') ? 'Los ASM que coordinan tus áreas.' : 'Los ASM que puedes consultar.'}
        actions={
          hasRole(profile, 'coordinador') && (
            <Button component={Link} to="/asm/nuevo">
              Registrar ASM
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchFilter list={list} placeholder="Texto del ASM o de sus acciones" width={220} />
        <SelectFilter list={list} name="programa" label="Programa" placeholder="Todos" searchable data={programs} width={240} />
        <SelectFilter list={list} name="periodo" label="Periodo" placeholder="Todos" data={cycles} width={140} />
        <SelectFilter list={list} name="clasificacion" label="Clasificación" placeholder="Todas" data={options(CLASSIFICATION)} width={170} />
        <SelectFilter list={list} name="prioridad" label="Prioridad" placeholder="Todas" data={options(PRIORITY)} width={120} />
        <SelectFilter list={list} name="estado" label="Estado" placeholder="Todos" data={options(ASM_STATUS)} width={150} />
        <SelectFilter list={list} name="area" label="Área responsable" placeholder="Todas" searchable data={areas} width={240} />
        <Checkbox
          label="Con acciones vencidas"
          checked={get('vencidos') === '1'}
          onChange={(e) => update({ vencidos: e.currentTarget.checked ? '1' : null })}
          mb={8}
        />
      </FilterBar>
      <ResultList
        query={q}
        loading="Cargando ASM"
        empty={
          <Empty title="No hay ASM que mostrar">{params.toString() ? 'Ningún ASM cumple los filtros.' : 'Registra el primero con «Registrar ASM».'}</Empty>
        }
        summary={(total) => <Text size="sm">{total === 1 ? '1 ASM' : `${total.toLocaleString('es-MX')} ASM`}</Text>}
        wideFrom="md"
        head={
          <>
            <Table.Th>Programa</Table.Th>
            <Table.Th>Periodo</Table.Th>
            <Table.Th>Aspecto Susceptible de Mejora</Table.Th>
            <Table.Th>Clasificación</Table.Th>
            <Table.Th>Estado</Table.Th>
            <Table.Th ta="right">Acciones</Table.Th>
            <Table.Th ta="right">Promedio</Table.Th>
          </>
        }
        row={(a) => (
          <>
            <Table.Td>{a.program.key}</Table.Td>
            <Table.Td>{a.cycle.label}</Table.Td>
            <Table.Td maw={560}>
              <AsmLink asm={a} />
            </Table.Td>
            <Table.Td>{CLASSIFICATION[a.classification] ?? a.classification}</Table.Td>
            <Table.Td>
              <AsmStatusBadge status={a.status} />
            </Table.Td>
            <Table.Td ta="right">{a.actions.length}</Table.Td>
            <Table.Td ta="right">{promedio(a.promedio)}</Table.Td>
          </>
        )}
        card={(a) => (
          <>
            <AsmLink asm={a} />
            <Group gap="xs" mt={4}>
              <Text size="xs">
                {a.program.key} · {a.cycle.label} · {promedio(a.promedio)}
              </Text>
              <AsmStatusBadge status={a.status} />
            </Group>
          </>
        )}
        pageSize={PAGE_SIZE}
        page={page}
        onPage={(p) => update({ pagina: String(p) })}
      />
    </>
  );
}
