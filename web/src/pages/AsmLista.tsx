import { Anchor, Box, Button, Card, Checkbox, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Asm, Page } from '../api/types';
import { hasRole, useProfile } from '../auth';
import { AsmStatusBadge } from '../components/badges';
import { PageTitle } from '../components/PageTitle';
import { Empty, ErrorState, Loading } from '../components/states';
import { promedio } from '../format';
import { ASM_STATUS, CLASSIFICATION, options, PRIORITY } from '../labels';
import { useListParams } from '../list-params';
import { useAreas, useCycles, usePrograms } from '../queries';

const PAGE_SIZE = 20;

export default function AsmLista() {
  const profile = useProfile();
  const { params, update, search: text, setSearch: setText } = useListParams();
  const programs = usePrograms();
  const cycles = useCycles();
  const areas = useAreas();
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
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE_SIZE)) : 1;

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
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap" role="search">
        <TextInput
          label="Buscar"
          placeholder="Texto del ASM o de sus acciones"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <Select
          label="Programa"
          placeholder="Todos"
          clearable
          searchable
          data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.key} ${p.name}` }))}
          value={get('programa')}
          onChange={(v) => update({ programa: v })}
          style={{ flex: '0 1 240px' }}
        />
        <Select
          label="Periodo"
          placeholder="Todos"
          clearable
          data={(cycles.data?.items ?? []).map((c) => ({ value: c.id, label: c.label }))}
          value={get('periodo')}
          onChange={(v) => update({ periodo: v })}
          style={{ flex: '0 1 140px' }}
        />
        <Select
          label="Clasificación"
          placeholder="Todas"
          clearable
          data={options(CLASSIFICATION)}
          value={get('clasificacion')}
          onChange={(v) => update({ clasificacion: v })}
          style={{ flex: '0 1 170px' }}
        />
        <Select
          label="Prioridad"
          placeholder="Todas"
          clearable
          data={options(PRIORITY)}
          value={get('prioridad')}
          onChange={(v) => update({ prioridad: v })}
          style={{ flex: '0 1 120px' }}
        />
        <Select
          label="Estado"
          placeholder="Todos"
          clearable
          data={options(ASM_STATUS)}
          value={get('estado')}
          onChange={(v) => update({ estado: v })}
          style={{ flex: '0 1 150px' }}
        />
        <Select
          label="Área responsable"
          placeholder="Todas"
          clearable
          searchable
          data={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={get('area')}
          onChange={(v) => update({ area: v })}
          style={{ flex: '0 1 240px' }}
        />
        <Checkbox
          label="Con acciones vencidas"
          checked={get('vencidos') === '1'}
          onChange={(e) => update({ vencidos: e.currentTarget.checked ? '1' : null })}
          mb={8}
        />
      </Group>
      {q.isPending ? (
        <Loading what="Cargando ASM" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <Empty title="No hay ASM que mostrar">{params.toString() ? 'Ningún ASM cumple los filtros.' : 'Registra el primero con «Registrar ASM».'}</Empty>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{q.data.total === 1 ? '1 ASM' : `${q.data.total.toLocaleString('es-MX')} ASM`}</Text>
          <Box visibleFrom="md">
            <Table striped highlightOnHover withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Programa</Table.Th>
                  <Table.Th>Periodo</Table.Th>
                  <Table.Th>Aspecto Susceptible de Mejora</Table.Th>
                  <Table.Th>Clasificación</Table.Th>
                  <Table.Th>Estado</Table.Th>
                  <Table.Th ta="right">Acciones</Table.Th>
                  <Table.Th ta="right">Promedio</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.program.key}</Table.Td>
                    <Table.Td>{a.cycle.label}</Table.Td>
                    <Table.Td maw={560}>
                      <Anchor component={Link} to={`/asm/${a.id}`} className="asm-wrap" lineClamp={3}>
                        {a.text}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{CLASSIFICATION[a.classification] ?? a.classification}</Table.Td>
                    <Table.Td>
                      <AsmStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td ta="right">{a.actions.length}</Table.Td>
                    <Table.Td ta="right">{promedio(a.promedio)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          <Stack hiddenFrom="md" component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {q.data.items.map((a) => (
              <Card key={a.id} withBorder component="li" padding="sm">
                <Anchor component={Link} to={`/asm/${a.id}`} className="asm-wrap" lineClamp={3}>
                  {a.text}
                </Anchor>
                <Group gap="xs" mt={4}>
                  <Text size="xs">
                    {a.program.key} · {a.cycle.label} · {promedio(a.promedio)}
                  </Text>
                  <AsmStatusBadge status={a.status} />
                </Group>
              </Card>
            ))}
          </Stack>
          {pages > 1 && (
            <Group justify="center">
              <Pagination total={pages} value={page} onChange={(p) => update({ pagina: String(p) })} getItemProps={(p) => ({ 'aria-label': `Página ${p}` })} />
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
