import { Alert, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { ErrorState, Loading } from '../components/states';
import { fecha } from '../format';
import { useCorte } from '../queries';

const STATUS: Record<string, string> = { programado: 'Programado', abierto: 'Abierto', cerrado: 'Cerrado' };

/** The cut's page, where the e-mail "se abrió el corte" lands; its board comes with the evaluation unit's screens. */
export default function Corte() {
  const { id = '' } = useParams();
  const q = useCorte(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  return (
    <>
      <PageTitle title={`Corte ${c.label}`} subtitle={STATUS[c.status]} />
      <Paper className="asm-card" p="md" maw={760}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label="Fecha de corte" size="md">
              {fecha(c.cutoffDate)}
            </Field>
            <Field label="Fecha límite de entrega de avances" size="md" strong>
              {fecha(c.submissionDeadline)}
            </Field>
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
