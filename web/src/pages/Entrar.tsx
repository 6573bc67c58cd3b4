import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { messageOf } from '../api/errors';
import { textInput, useSubmission } from '../forms';
import { session, signIn } from '../api/session';
import { homeOf, useClientConfig, useSession } from '../auth';

const schema = z.object({
  email: z.string().trim().min(1, 'Escribe tu correo electrónico.').email('Escribe un correo válido, por ejemplo analista@imss.gob.mx.'),
  password: z.string().min(1, 'Escribe tu contraseña.'),
});

/** Only addresses of this application: never send someone to another site after signing in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/entrar') ? next : null;
}

export default function Entrar() {
  const s = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const config = useClientConfig();
  const next = safeNext(params.get('siguiente'));
  const expired = params.get('motivo') === 'expirada';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, failure, setFailure, busy, setBusy, begin } = useSubmission<string>();

  useEffect(() => {
    document.title = 'Entrar · Seguimiento de ASM';
  }, []);

  if (s.status === 'signed-in' && !busy) return <Navigate to={next ?? homeOf(s.profile)} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = begin(schema, { email, password });
    if (parsed === undefined) return;
    try {
      await signIn(parsed.email, parsed.password);
      const st = session.state();
      void navigate(next ?? (st.status === 'signed-in' ? homeOf(st.profile) : '/'), { replace: true });
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(180deg, #691C32 0, #691C32 180px, #f5f5f5 180px)' }}>
      <Center pt={{ base: 24, sm: 48 }} px="md">
        <Stack w="100%" maw={420} gap="md">
          <Box c="white" ta="center">
            <Text fw={700} fz="lg" c="white">
              Seguimiento a Aspectos Susceptibles de Mejora
            </Text>
            <Text size="sm" c="white">
              {config.data?.institutionName || 'Gobierno de México'}
            </Text>
          </Box>
          <Paper component="main" p="lg" withBorder shadow="sm" style={{ borderTop: '4px solid #BC955C' }}>
            <form onSubmit={(e) => void submit(e)} noValidate>
              <Stack gap="md">
                <Title order={1} fz={24}>
                  Entrar
                </Title>
                {expired && (
                  <Alert color="blue" variant="light" title="Tu sesión terminó">
                    Inicia sesión de nuevo para continuar: volverás a la misma pantalla y lo que escribiste se conservó.
                  </Alert>
                )}
                {!expired && next && <Text size="sm">Inicia sesión para abrir la página que buscabas.</Text>}
                {failure && (
                  <Alert color="red" variant="light" role="alert" title="No se pudo iniciar sesión">
                    {failure}
                  </Alert>
                )}
                <TextInput label="Correo electrónico" type="email" autoComplete="username" required {...textInput(email, setEmail)} error={errors.email} />
                <PasswordInput label="Contraseña" autoComplete="current-password" required {...textInput(password, setPassword)} error={errors.password} />
                <Button type="submit" loading={busy} fullWidth>
                  Entrar
                </Button>
                <Text size="xs" c="gray.7">
                  ¿Olvidaste tu contraseña? Pide al administrador del sistema de tu institución que la restablezca.
                </Text>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
