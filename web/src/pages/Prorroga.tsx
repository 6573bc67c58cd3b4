import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Prorroga as P } from '../api/types';
import { ProrrogaBadge } from '../components/badges';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { ReasonField } from '../components/ReasonField';
import { ActionError, ErrorState, Loading } from '../components/states';
import { fecha, fechaHora } from '../format';
import { keys, useProrroga, useUnderReview } from '../queries';

export default function Prorroga() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useProrroga(id);
  const { action, asm, reviewer } = useUnderReview(q.data);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (q.isPending) return <Loading what="Cargando la prórroga" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;

  async function decide(kind: 'approve' | 'reject') {
    if (kind === 'reject' && !reason.trim()) {
      setReasonError('Escribe el motivo del rechazo.');
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      if (kind === 'approve') await unwrap<P>(api.POST('/api/v1/prorrogas/{id}/approve', { params: { path: { id } }, body: { version: p.version } }));
      else await unwrap<P>(api.POST('/api/v1/prorrogas/{id}/reject', { params: { path: { id } }, body: { version: p.version, reason: reason.trim() } }));
      await qc.invalidateQueries({ queryKey: ['reviews'] });
      await qc.invalidateQueries({ queryKey: keys.prorroga(id) });
      await qc.invalidateQueries({ queryKey: keys.action(p.actionId) });
      notifications.show({
        color: 'green',
        message: kind === 'approve' ? 'Prórroga aprobada: la acción tiene nueva fecha de término.' : 'Prórroga rechazada.',
      });
      setRejecting(false);
      void navigate('/revision?tipo=prorroga');
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title="Prórroga" subtitle={action.data?.description} actions={<ProrrogaBadge status={p.status} />} />
      <Paper className="asm-card" p="md" maw={820}>
        <Stack gap="md">
          <ActionError error={failure} onReload={() => void q.refetch()} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="Fecha original comprometida" size="md">
              {fecha(p.originalDueDate)}
            </Field>
            <Field label="Fecha vigente al solicitar" size="md">
              {fecha(p.previousDueDate)}
            </Field>
            <Field label="Fecha solicitada" size="md" strong>
              {fecha(p.requestedDueDate)}
            </Field>
          </SimpleGrid>
          <Field label={`Justificación (solicitada el ${fechaHora(p.createdAt)})`} size="md">
            {p.justification}
          </Field>
          {p.decisionReason && (
            <Alert color="gray" title="Motivo de la decisión">
              {p.decisionReason}
            </Alert>
          )}
          {asm.data && (
            <Text size="sm">
              ASM: {asm.data.program.key} · {asm.data.text}{' '}
              <Anchor component={Link} to={`/acciones/${p.actionId}`} size="sm">
                Ver la acción
              </Anchor>
            </Text>
          )}
          {reviewer && p.status === 'solicitada' && (
            <Group>
              <Button onClick={() => void decide('approve')} loading={busy && !rejecting}>
                Aprobar prórroga
              </Button>
              <Button variant="outline" color="red.9" onClick={() => setRejecting(true)}>
                Rechazar…
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title="Rechazar la prórroga">
        <Stack>
          <ReasonField label="Motivo del rechazo" value={reason} onChange={setReason} error={reasonError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRejecting(false)}>
              Cancelar
            </Button>
            <Button color="red.9" onClick={() => void decide('reject')} loading={busy}>
              Rechazar prórroga
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
