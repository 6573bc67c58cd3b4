import { Alert, Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { changePassword } from '../api/session';
import { homeOf, useClientConfig, useProfile } from '../auth';
import { textInput, useSubmission } from '../forms';
import { PageTitle } from '../components/PageTitle';
import { ActionError } from '../components/states';

export default function CambiarContrasena() {
  const profile = useProfile();
  const config = useClientConfig();
  const navigate = useNavigate();
  const policy = config.data?.passwordPolicy ?? 'La contraseña debe tener al menos 12 caracteres, con letras y números, y no debe contener tu correo.';
  const local = profile.email.split('@')[0]?.toLowerCase() ?? '';
  const schema = z
    .object({
      currentPassword: z.string().min(1, 'Escribe tu contraseña actual.'),
      newPassword: z
        .string()
        .min(12, 'Al menos 12 caracteres.')
        .max(200, 'Como máximo 200 caracteres.')
        .refine((v) => /\p{L}/u.test(v) && /\d/.test(v), 'Usa letras y números.')
        .refine((v) => local.length < 3 || !v.toLowerCase().includes(local), 'No debe contener tu correo.'),
      confirm: z.string(),
    })
    .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'No coincide con la contraseña nueva.' });
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const { errors, setErrors, failure, setFailure, busy, setBusy, begin } = useSubmission();
  const field = (k: keyof typeof values) => ({ ...textInput(values[k], (v) => setValues({ ...values, [k]: v })), error: errors[k] });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (begin(schema, values) === undefined) return;
    try {
      await changePassword(values.currentPassword, values.newPassword);
      notifications.show({ color: 'green', message: 'Tu contraseña cambió. Tus otras sesiones se cerraron.' });
      void navigate(homeOf(profile));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') setErrors({ currentPassword: err.message });
      else if (err instanceof ApiError && err.fieldErrors().newPassword) setErrors({ newPassword: err.fieldErrors().newPassword! });
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageTitle title="Cambiar contraseña" />
      <Paper className="asm-card" p="lg" maw={520}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <Alert variant="light" color="gray" title="Política de contraseñas">
              <Text size="sm">{policy}</Text>
              <Text size="sm">Al cambiarla se cierran tus sesiones en otros equipos.</Text>
            </Alert>
            {profile.mustChangePassword && (
              <Alert color="yellow" title="Tu contraseña es temporal">
                <Text size="sm">Cámbiala para continuar: hasta entonces el sistema no te deja hacer nada más.</Text>
              </Alert>
            )}
            <ActionError error={failure} />
            <PasswordInput label="Contraseña actual" autoComplete="current-password" required {...field('currentPassword')} />
            <PasswordInput label="Contraseña nueva" autoComplete="new-password" required {...field('newPassword')} />
            <PasswordInput label="Confirma la contraseña nueva" autoComplete="new-password" required {...field('confirm')} />
            <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
              Cambiar contraseña
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
