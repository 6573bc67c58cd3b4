import { Anchor, Badge, Box, Card, Group, Pagination, Stack, Table, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { ReviewItem, ReviewPage } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { Empty, ErrorState, Loading } from '../components/states';
import { fecha, fechaHora, porcentaje } from '../format';

const PAGE_SIZE = 25;

function Queue({ kind }: { kind: 'avance' | 'prorroga' }) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('pagina') ?? '1') || 1;
  const q = useQuery({
    queryKey: ['reviews', kind, page],
    queryFn: () => unwrap<ReviewPage>(api.GET('/api/v1/worklist/reviews', { params: { query: { kind, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  if (q.isPending) return <Loading what="Cargando la bandeja" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) {
    return (
      <Empty title={kind === 'avance' ? 'No hay avances esperando revisión' : 'No hay prórrogas esperando decisión'}>
        Cuando un área envíe uno, aparecerá aquí y te llegará un aviso por correo.
      </Empty>
    );
  }
  const link = (i: ReviewItem) => (kind === 'avance' ? `/revision/${i.id}` : `/prorrogas/${i.id}`);
  const pages = Math.ceil(q.data.total / PAGE_SIZE);
  return (
    <Stack gap="sm">
      <Text size="sm">{q.data.total === 1 ? '1 pendiente, ' : `${q.data.total.toLocaleString('es-MX')} pendientes, `}el más antiguo primero.</Text>
      <Box visibleFrom="sm">
        <Table striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{kind === 'avance' ? 'Enviado' : 'Solicitada'}</Table.Th>
              <Table.Th>Acción</Table.Th>
              <Table.Th>Áreas responsables</Table.Th>
              {kind === 'avance' ? (
                <>
                  <Table.Th ta="right">Propuesto</Table.Th>
                  <Table.Th ta="right">Oficial</Table.Th>
                  <Table.Th ta="right">Archivos</Table.Th>
                </>
              ) : (
                <>
                  <Table.Th>Fecha vigente</Table.Th>
                  <Table.Th>Fecha pedida</Table.Th>
                </>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{fechaHora(i.submittedAt)}</Table.Td>
                <Table.Td maw={480}>
                  <Anchor component={Link} to={link(i)} fw={600} className="asm-wrap">
                    {i.action.description}
                  </Anchor>
                  <Text size="xs" c="gray.7" lineClamp={2} className="asm-wrap">
                    {i.asm.program.key} · {i.asm.cycle.label} · {i.asm.text}
                  </Text>
                </Table.Td>
                <Table.Td>{i.action.responsibleAreas.map((r) => r.name).join('; ')}</Table.Td>
                {kind === 'avance' ? (
                  <>
                    <Table.Td ta="right">{porcentaje(i.percent)}</Table.Td>
                    <Table.Td ta="right">{porcentaje(i.action.percent)}</Table.Td>
                    <Table.Td ta="right">{i.evidenceCount}</Table.Td>
                  </>
                ) : (
                  <>
                    <Table.Td>{fecha(i.action.dueDate)}</Table.Td>
                    <Table.Td>{fecha(i.requestedDueDate)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Stack hiddenFrom="sm" component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {q.data.items.map((i) => (
          <Card key={i.id} withBorder component="li" padding="sm">
            <Anchor component={Link} to={link(i)} fw={600} className="asm-wrap">
              {i.action.description}
            </Anchor>
            <Text size="xs" c="gray.7">
              {fechaHora(i.submittedAt)} · {kind === 'avance' ? porcentaje(i.percent) : fecha(i.requestedDueDate)}
            </Text>
          </Card>
        ))}
      </Stack>
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => setParams({ ...Object.fromEntries(params), pagina: String(p) })}
            getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
          />
        </Group>
      )}
    </Stack>
  );
}

export default function Revision() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tipo') === 'prorroga' ? 'prorroga' : 'avance';
  const counts = useQuery({
    queryKey: ['reviews', 'counts'],
    queryFn: async () => {
      const [a, p] = await Promise.all(
        (['avance', 'prorroga'] as const).map((kind) => unwrap<ReviewPage>(api.GET('/api/v1/worklist/reviews', { params: { query: { kind, pageSize: 1 } } }))),
      );
      return { avance: a!.total, prorroga: p!.total };
    },
  });
  return (
    <>
      <PageTitle title="Revisión" subtitle="Los avances y prórrogas de los ASM que coordinas, en espera de tu decisión." />
      <Tabs value={tab} onChange={(v) => setParams(v === 'prorroga' ? { tipo: 'prorroga' } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab
            value="avance"
            rightSection={
              counts.data ? (
                <Badge size="sm" variant="filled" color="guinda.8">
                  {counts.data.avance}
                </Badge>
              ) : null
            }
          >
            Avances enviados
          </Tabs.Tab>
          <Tabs.Tab
            value="prorroga"
            rightSection={
              counts.data ? (
                <Badge size="sm" variant="filled" color="guinda.8">
                  {counts.data.prorroga}
                </Badge>
              ) : null
            }
          >
            Prórrogas solicitadas
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="avance">
          <Queue kind="avance" />
        </Tabs.Panel>
        <Tabs.Panel value="prorroga">
          <Queue kind="prorroga" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
