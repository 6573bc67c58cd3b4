import { Anchor, Badge, Table, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { ReviewItem, ReviewPage } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { ResultList } from '../components/ResultList';
import { Empty } from '../components/states';
import { fecha, fechaHora, porcentaje } from '../format';

const PAGE_SIZE = 25;

/** The two queues, one tab each. */
const QUEUES = [
  { kind: 'avance', title: 'Avances enviados' },
  { kind: 'prorroga', title: 'Prórrogas solicitadas' },
] as const;

function Queue({ kind }: { kind: 'avance' | 'prorroga' }) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('pagina') ?? '1') || 1;
  const q = useQuery({
    queryKey: ['reviews', kind, page],
    queryFn: () => unwrap<ReviewPage>(api.GET('/api/v1/worklist/reviews', { params: { query: { kind, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const link = (i: ReviewItem) => (kind === 'avance' ? `/revision/${i.id}` : `/prorrogas/${i.id}`);
  return (
    <ResultList
      query={q}
      loading="Cargando la bandeja"
      empty={
        <Empty title={kind === 'avance' ? 'No hay avances esperando revisión' : 'No hay prórrogas esperando decisión'}>
          Cuando un área envíe uno, aparecerá aquí y te llegará un aviso por correo.
        </Empty>
      }
      summary={(total) => <Text size="sm">{total === 1 ? '1 pendiente, ' : `${total.toLocaleString('es-MX')} pendientes, `}el más antiguo primero.</Text>}
      wideFrom="sm"
      head={
        <>
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
        </>
      }
      row={(i) => (
        <>
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
        </>
      )}
      card={(i) => (
        <>
          <Anchor component={Link} to={link(i)} fw={600} className="asm-wrap">
            {i.action.description}
          </Anchor>
          <Text size="xs" c="gray.7">
            {fechaHora(i.submittedAt)} · {kind === 'avance' ? porcentaje(i.percent) : fecha(i.requestedDueDate)}
          </Text>
        </>
      )}
      pageSize={PAGE_SIZE}
      page={page}
      onPage={(p) => setParams({ ...Object.fromEntries(params), pagina: String(p) })}
    />
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
          {QUEUES.map(({ kind, title }) => (
            <Tabs.Tab
              key={kind}
              value={kind}
              rightSection={
                counts.data ? (
                  <Badge size="sm" variant="filled" color="guinda.8">
                    {counts.data[kind]}
                  </Badge>
                ) : null
              }
            >
              {title}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {QUEUES.map(({ kind }) => (
          <Tabs.Panel key={kind} value={kind}>
            <Queue kind={kind} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
