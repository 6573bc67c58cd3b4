import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Avance } from '../api/types';
import { hasRole, useProfile } from '../auth';
import { AsmStatusBadge, AvanceBadge, ProrrogaBadge } from '../components/badges';
import { EvidenceTable } from '../components/Evidence';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { Empty, ErrorState, Loading } from '../components/states';
import { fecha, fechaHora, porcentaje, promedio } from '../format';
import { CLASSIFICATION } from '../labels';
import { keys, useAction, useAsm, useAvances, useOpenCorte, useProrrogas } from '../queries';

const EVENT: Record<string, string> = {
  creado: 'Registrado',
  editado: 'Corregido',
  enviado: 'Enviado a revisión',
  aprobado: 'Aprobado',
  devuelto: 'Devuelto',
};

export default function Accion() {
  const { id = '' } = useParams();
  const profile = useProfile();
  const action = useAction(id);
  const asm = useAsm(action.data?.asmId);
  const avances = useAvances(id);
  const prorrogas = useProrrogas(id);
  const corte = useOpenCorte();
  const details = useQueries({
    queries: (avances.data?.items ?? []).map((a) => ({
      queryKey: keys.avance(a.id),
      queryFn: () => unwrap<Avance>(api.GET('/api/v1/avances/{id}', { params: { path: { id: a.id } } })),
    })),
  });

  if (action.isPending) return <Loading what="Cargando la acción" />;
  if (action.isError) return <ErrorState error={action.error} onRetry={() => void action.refetch()} />;
  const a = action.data;
  const s = asm.data;
  const live = s && (s.status === 'comprometido' || s.status === 'en_proceso');
  const openAvance = avances.data?.items.find((v) => v.corte.status === 'abierto' && v.status !== 'aprobado');
  const pending = prorrogas.data?.items.find((p) => p.status === 'solicitada');
  const responsable = hasRole(profile, 'responsable') && a.responsibleAreas.some((r) => profile.areas.some((m) => m.id === r.id));
  const canReport = responsable && live && corte.data && a.percent < 100 && (!openAvance || openAvance.status !== 'enviado');

  return (
    <>
      <PageTitle
        title={a.description}
        subtitle={s ? `${s.program.key} ${s.program.name} · Periodo ${s.cycle.label}` : undefined}
        actions={
          <>
            {canReport && (
              <Button component={Link} to={`/acciones/${id}/avance`}>
                {openAvance?.status === 'devuelto' ? 'Atender avance devuelto' : openAvance ? 'Continuar avance' : 'Reportar avance'}
              </Button>
            )}
            {responsable && live && a.percent < 100 && !pending && (
              <Button component={Link} to={`/acciones/${id}/prorroga`} variant="default">
                Solicitar prórroga
              </Button>
            )}
          </>
        }
      />
      {responsable && live && !corte.data && !corte.isPending && (
        <Alert color="gray" mb="md" title="No hay un corte abierto">
          Los avances se reportan en el corte que abre la unidad de evaluación; podrás reportar cuando abra el siguiente.
        </Alert>
      )}
      {openAvance?.status === 'devuelto' && (
        <Alert color="orange" mb="md" title="Tu avance fue devuelto">
          Motivo del área coordinadora: {openAvance.returnReason}
        </Alert>
      )}
      {pending && (
        <Alert color="blue" mb="md" title="Prórroga en espera de decisión">
          Solicitaste mover la fecha de término al {fecha(pending.requestedDueDate)}.
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Paper className="asm-card" p="md">
              <Title order={2} fz="lg" mb="sm">
                La acción
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <Field label="Fecha de término vigente">{fecha(a.dueDate)}</Field>
                <Field label="Fecha de término original">{fecha(a.originalDueDate)}</Field>
                <Field label="% de avance oficial">{porcentaje(a.percent)}</Field>
                <Field label="Áreas responsables">{a.responsibleAreas.map((r) => r.name).join('; ')}</Field>
                <Field label="Resultados esperados">{a.expectedResults}</Field>
                <Field label="Productos y/o evidencias">{a.products}</Field>
                <Field label="Documento probatorio">{a.proofDocumentName}</Field>
                <Field label="Ubicación del documento">{a.proofDocumentLocation}</Field>
              </SimpleGrid>
              {a.observations && (
                <Stack mt="sm">
                  <Field label="Observaciones">{a.observations}</Field>
                </Stack>
              )}
            </Paper>
            <Paper className="asm-card" p="md">
              <Title order={2} fz="lg" mb="sm">
                Avances
              </Title>
              {avances.isPending ? (
                <Loading />
              ) : avances.isError ? (
                <ErrorState error={avances.error} />
              ) : avances.data.items.length === 0 ? (
                <Empty title="Sin avances registrados" />
              ) : (
                <Stack gap="md">
                  {[...avances.data.items].reverse().map((v, i, all) => {
                    const d = details[all.length - 1 - i]?.data;
                    return (
                      <Stack key={v.id} gap={6} pb="sm" style={{ borderBottom: '1px solid #eee' }}>
                        <Group justify="space-between" wrap="wrap">
                          <Text fw={600}>
                            {v.corte.label}: {porcentaje(v.percent)}
                          </Text>
                          <AvanceBadge status={v.status} />
                        </Group>
                        {v.observations && <Text size="sm">{v.observations}</Text>}
                        {v.returnReason && (
                          <Text size="sm" c="#8a4500">
                            Motivo de la devolución: {v.returnReason}
                          </Text>
                        )}
                        {d?.history && (
                          <Table fz="xs" verticalSpacing={2}>
                            <Table.Tbody>
                              {d.history.map((h, k) => (
                                <Table.Tr key={k}>
                                  <Table.Td w={150}>{fechaHora(h.at)}</Table.Td>
                                  <Table.Td>{EVENT[h.event] ?? h.event}</Table.Td>
                                  <Table.Td>{h.percent !== null ? porcentaje(h.percent) : ''}</Table.Td>
                                  <Table.Td className="asm-wrap">{h.note}</Table.Td>
                                </Table.Tr>
                              ))}
                            </Table.Tbody>
                          </Table>
                        )}
                        <EvidenceTable files={v.evidence} />
                      </Stack>
                    );
                  })}
                </Stack>
              )}
            </Paper>
            <Paper className="asm-card" p="md">
              <Title order={2} fz="lg" mb="sm">
                Prórrogas
              </Title>
              {prorrogas.data && prorrogas.data.items.length > 0 ? (
                <Table.ScrollContainer minWidth={480}>
                  <Table fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Solicitada</Table.Th>
                        <Table.Th>Fecha anterior</Table.Th>
                        <Table.Th>Fecha pedida</Table.Th>
                        <Table.Th>Estado</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {prorrogas.data.items.map((p) => (
                        <Table.Tr key={p.id}>
                          <Table.Td>
                            <Anchor component={Link} to={`/prorrogas/${p.id}`}>
                              {fechaHora(p.createdAt)}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{fecha(p.previousDueDate)}</Table.Td>
                          <Table.Td>{fecha(p.requestedDueDate)}</Table.Td>
                          <Table.Td>
                            <ProrrogaBadge status={p.status} />
                            {p.decisionReason && <Text size="xs">{p.decisionReason}</Text>}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              ) : (
                <Text size="sm" c="gray.7">
                  Sin prórrogas. Fecha original: {fecha(a.originalDueDate)}; vigente: {fecha(a.dueDate)}.
                </Text>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper className="asm-card" p="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} fz="lg">
                El ASM
              </Title>
              {s && <AsmStatusBadge status={s.status} />}
            </Group>
            {asm.isPending ? (
              <Loading />
            ) : asm.isError ? (
              <ErrorState error={asm.error} />
            ) : (
              <Stack gap="sm">
                <Text size="sm" className="asm-wrap">
                  {s!.text}
                </Text>
                <SimpleGrid cols={2} spacing="sm">
                  <Field label="Programa">{`${s!.program.key} ${s!.program.name}`}</Field>
                  <Field label="Periodo">{s!.cycle.label}</Field>
                  <Field label="Clasificación">{CLASSIFICATION[s!.classification] ?? s!.classification}</Field>
                  <Field label="Promedio">{promedio(s!.promedio)}</Field>
                  <Field label="Área coordinadora">{s!.coordinatingArea?.name}</Field>
                </SimpleGrid>
                {s!.actions.length > 1 && (
                  <>
                    <Text size="xs" c="gray.7" fw={600}>
                      Otras acciones del ASM que puedes ver
                    </Text>
                    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                      {s!.actions
                        .filter((x) => x.id !== a.id)
                        .map((x) => (
                          <li key={x.id}>
                            <Anchor component={Link} to={`/acciones/${x.id}`} size="sm" className="asm-wrap">
                              {x.description}
                            </Anchor>
                            <Text size="xs" c="gray.7">
                              {fecha(x.dueDate)} · {porcentaje(x.percent)}
                            </Text>
                          </li>
                        ))}
                    </Stack>
                  </>
                )}
                {hasRole(profile, 'coordinador', 'evaluacion', 'consulta') && (
                  <Anchor component={Link} to={`/asm/${s!.id}`} size="sm">
                    Abrir el ASM
                  </Anchor>
                )}
              </Stack>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
