import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { Prorroga } from '../api/types';
import { useSubmission } from '../forms';
import { PageTitle } from '../components/PageTitle';
import { ActionError, ErrorState, Loading } from '../components/states';
import { useDraft } from '../drafts';
import { fecha } from '../format';
import { keys, useAction, useSentFromAction } from '../queries';

export default function SolicitarProrroga() {
  const { id = '' } = useParams();
  const action = useAction(id);
  const sent = useSentFromAction(id);
  const form = useDraft({ requestedDueDate: '', justification: '' });
  const { errors, setErrors, failure, setFailure, busy, setBusy, begin } = useSubmission();

  if (action.isPending) return <Loading />;
  if (action.isError) return <ErrorState error={action.error} />;
  const a = action.data;
  const schema = z.object({
    requestedDueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Elige la nueva fecha de término.')
      .refine((d) => !a.dueDate || d > a.dueDate, `Debe ser posterior a la fecha vigente (${fecha(a.dueDate)}).`),
    justification: z.string().trim().min(1, 'Explica por qué necesitas más tiempo.').max(4000, 'Como máximo 4,000 caracteres.'),
  });

  async function submit() {
    const body = begin(schema, form.values);
    if (body === undefined) return;
    try {
      await unwrap<Prorroga>(api.POST('/api/v1/actions/{id}/prorrogas', { params: { path: { id } }, body }));
      form.clear();
      await sent(keys.prorrogas(id), 'Prórroga solicitada; el área coordinadora la decidirá.');
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title="Solicitar prórroga" subtitle={a.description} />
      <Paper className="asm-card" p="md" maw={640}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack gap="md">
            <Text size="sm">
              Fecha de término vigente: <strong>{fecha(a.dueDate)}</strong> (original: {fecha(a.originalDueDate)}).
            </Text>
            {form.hasDraft && (
              <Alert color="blue" variant="light">
                Recuperamos lo que habías escrito en esta pantalla.
              </Alert>
            )}
            <ActionError error={failure} />
            <TextInput
              type="date"
              label="Nueva fecha de término"
              required
              min={a.dueDate ?? undefined}
              {...form.bind('requestedDueDate')}
              error={errors.requestedDueDate}
              maw={240}
            />
            <Textarea label="Justificación" required autosize minRows={4} {...form.bind('justification')} error={errors.justification} />
            <Group>
              <Button type="submit" loading={busy}>
                Solicitar prórroga
              </Button>
              <Anchor component={Link} to={`/acciones/${id}`} size="sm">
                Cancelar
              </Anchor>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
