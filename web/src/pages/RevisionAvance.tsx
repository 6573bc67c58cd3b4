import { Alert, Anchor, Button, Grid, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { Avance, Evidence } from '../api/types';
import { AvanceBadge } from '../components/badges';
import { EvidencePreview, EvidenceTable, previewable } from '../components/Evidence';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { ReasonField } from '../components/ReasonField';
import { ActionError, ErrorState, Loading } from '../components/states';
import { useDraft } from '../drafts';
import { fecha, fechaHora, porcentaje } from '../format';
import { keys, useAvance, useUnderReview } from '../queries';

export default function RevisionAvance() {
  const { avanceId = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const avance = useAvance(avanceId);
  const { action, asm, reviewer } = useUnderReview(avance.data);
  const [selected, setSelected] = useState<Evidence | null>(null);
  const [returning, setReturning] = useState(false);
  const reason = useDraft({ text: '' }, 'motivo');
  const [reasonError, setReasonError] = useState<string>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | 'aprobar' | 'devolver'>(null);
  const files = (avance.data?.evidence ?? []).filter((e) => !e.withdrawnAt);
  // The first file that can be previewed is shown until the reviewer picks one.
  const shown = selected ?? files.find(previewable) ?? null;

  if (avance.isPending) return <Loading what="Cargando el avance" />;
  if (avance.isError) return <ErrorState error={avance.error} onRetry={() => void avance.refetch()} />;
  const v = avance.data;

  async function decide(kind: 'approve' | 'return') {
    if (kind === 'return' && !reason.values.text.trim()) {
      setReasonError('Escribe qué debe corregir el área responsable.');
      return;
    }
    setFailure(null);
    setBusy(kind === 'approve' ? 'aprobar' : 'devolver');
    try {
      if (kind === 'approve') {
        await unwrap<Avance>(api.POST('/api/v1/avances/{id}/approve', { params: { path: { id: v.id } }, body: { version: v.version } }));
      } else {
        await unwrap<Avance>(
          api.POST('/api/v1/avances/{id}/return', { params: { path: { id: v.id } }, body: { version: v.version, reason: reason.values.text.trim() } }),
        );
        reason.clear();
      }
      await qc.invalidateQueries({ queryKey: ['reviews'] });
      await qc.invalidateQueries({ queryKey: keys.avance(v.id) });
      await qc.invalidateQueries({ queryKey: keys.action(v.actionId) });
      notifications.show({
        color: 'green',
        message: kind === 'approve' ? `Avance aprobado: la acción queda en ${porcentaje(v.percent)}.` : 'Avance devuelto al área responsable con tu motivo.',
      });
      setReturning(false);
      void navigate('/revision');
    } catch (err) {
      setFailure(err);
      setReturning(false);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageTitle
        title="Revisar avance"
        subtitle={
          action.data && (
            <Anchor component={Link} to={`/acciones/${v.actionId}`} size="sm">
              {action.data.description}
            </Anchor>
          )
        }
        actions={<AvanceBadge status={v.status} />}
      />
      <ActionError error={failure} onReload={() => void avance.refetch()} />
      <Grid gap="md" mt="xs">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper className="asm-card" p="md">
              <SimpleGrid cols={2} spacing="sm">
                <Field label="% propuesto">
                  <Text fw={700} fz="xl">
                    {porcentaje(v.percent)}
                  </Text>
                </Field>
                <Field label="% oficial actual">{porcentaje(v.approvedPercent)}</Field>
                <Field label="Corte">{v.corte.label}</Field>
                <Field label="Enviado">{fechaHora(v.submittedAt)}</Field>
                <Field label="Fecha de término">{fecha(action.data?.dueDate)}</Field>
                <Field label="Áreas responsables">{action.data?.responsibleAreas.map((r) => r.name).join('; ')}</Field>
              </SimpleGrid>
              <Stack gap="sm" mt="sm">
                <Field label="Observaciones">{v.observations}</Field>
                <Field label="Documento probatorio">{v.proofDocumentName}</Field>
                <Field label="Ubicación del documento">{v.proofDocumentLocation}</Field>
                {v.decreaseJustification && <Field label="Justificación de la baja">{v.decreaseJustification}</Field>}
                {asm.data && <Field label="ASM">{`${asm.data.program.key} · ${asm.data.text}`}</Field>}
              </Stack>
            </Paper>
            <Paper className="asm-card" p="md">
              <Title order={2} fz="md" mb="xs">
                Evidencia ({files.length})
              </Title>
              <EvidenceTable files={files} onSelect={setSelected} selectedId={shown?.id} />
            </Paper>
            {reviewer && v.status === 'enviado' && (
              <Group>
                <Button onClick={() => void decide('approve')} loading={busy === 'aprobar'} disabled={busy !== null}>
                  Aprobar avance
                </Button>
                <Button variant="outline" color="red.9" onClick={() => setReturning(true)} disabled={busy !== null}>
                  Devolver…
                </Button>
              </Group>
            )}
            {v.status !== 'enviado' && (
              <Alert color="gray">
                Este avance ya no espera revisión (estado: {v.status}).{v.returnReason ? ` Motivo de la devolución: ${v.returnReason}` : ''}
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper className="asm-card" p="md">
            <Title order={2} fz="md" mb="xs">
              {shown ? `Vista previa: ${shown.displayName}` : 'Vista previa'}
            </Title>
            {shown ? (
              <EvidencePreview evidence={shown} />
            ) : (
              <Text size="sm" c="gray.7">
                {files.length ? 'Elige un archivo para verlo aquí.' : 'El avance no tiene archivos de evidencia.'}
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      <Modal opened={returning} onClose={() => setReturning(false)} title="Devolver el avance al área responsable">
        <Stack>
          <ReasonField
            label="Motivo de la devolución"
            description="Qué debe corregir o completar el área responsable."
            value={reason.values.text}
            onChange={(text) => reason.set('text', text)}
            error={reasonError}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturning(false)}>
              Cancelar
            </Button>
            <Button color="red.9" onClick={() => void decide('return')} loading={busy === 'devolver'}>
              Devolver avance
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
