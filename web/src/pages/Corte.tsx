import { Alert, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Corte as C } from '../api/types';
import { PageTitle } from '../components/PageTitle';
import { ErrorState, Loading } from '../components/states';
import { fecha } from '../format';

const STATUS: Record<string, string> = { programado: 'Programado', abierto: 'Abierto', cerrado: 'Cerrado' };

/** The cut's page, where the e-mail "se abrió el corte" lands; its board comes with the evaluation unit's screens. */
export default function Corte() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['corte', id], queryFn: () => unwrap<C>(api.GET('/api/v1/cortes/{id}', { params: { path: { id } } })) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <>
      <PageTitle title={`Corte ${c.label}`} subtitle={STATUS[c.status]} />
      <Paper className="asm-card" p="md" maw={760}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={0}>
              <Text size="xs" fw={600} c="gray.7">
                Fecha de corte
              </Text>
              <Text>{fecha(c.cutoffDate)}</Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" fw={600} c="gray.7">
                Fecha límite de entrega de avances
              </Text>
              <Text fw={700}>{fecha(c.submissionDeadline)}</Text>
            </Stack>
          </SimpleGrid>
          {c.status === 'abierto' && <Text>Registra y envía el avance de tus acciones desde «Mis acciones» antes de la fecha límite.</Text>}
          <Alert color="gray" variant="light">
            El tablero del corte (quién debe, quién envió, por área y programa) y sus documentos oficiales llegan en la siguiente versión de la aplicación.
          </Alert>
        </Stack>
      </Paper>
    </>
  );
}
