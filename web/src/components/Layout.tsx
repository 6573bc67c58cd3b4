import { Anchor, Box, Container, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { signOut } from '../api/session';
import { hasRole, useClientConfig, useProfile } from '../auth';
import { ROLE } from '../labels';

export function Layout() {
  const profile = useProfile();
  const config = useClientConfig();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const links: { to: string; label: string }[] = [];
  if (hasRole(profile, 'responsable')) links.push({ to: '/acciones', label: 'Mis acciones' });
  else if (hasRole(profile, 'coordinador', 'evaluacion', 'consulta')) links.push({ to: '/acciones', label: 'Acciones' });
  if (hasRole(profile, 'coordinador', 'evaluacion', 'consulta')) links.push({ to: '/asm', label: 'ASM' });
  if (hasRole(profile, 'coordinador')) links.push({ to: '/revision', label: 'Revisión' });
  if (!hasRole(profile, 'responsable', 'coordinador')) links.unshift({ to: '/inicio', label: 'Inicio' });

  async function leave() {
    await signOut();
    qc.clear();
    void navigate('/entrar', { replace: true });
  }

  return (
    <>
      <a className="asm-skip" href="#contenido">
        Saltar al contenido
      </a>
      <Box component="header" className="asm-header">
        <Container size="xl" py="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Box style={{ minWidth: 0 }}>
              <Anchor component={NavLink} to="/" underline="never" c="white" fw={700} fz={{ base: 'sm', sm: 'md' }}>
                Seguimiento a Aspectos Susceptibles de Mejora
              </Anchor>
              <Text size="xs" c="white" data-testid="institucion">
                {config.data?.institutionName || 'Gobierno de México'}
              </Text>
            </Box>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton c="white" style={{ textAlign: 'right' }}>
                  <VisuallyHidden>Menú de la cuenta: </VisuallyHidden>
                  <Text size="sm" fw={600} c="white">
                    {profile.fullName}
                  </Text>
                  <Text size="xs" c="white">
                    {profile.roles.map((r) => ROLE[r] ?? r).join(', ')}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={NavLink} to="/cambiar-contrasena">
                  Cambiar contraseña
                </Menu.Item>
                <Menu.Item onClick={() => void leave()}>Salir</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
          <Group component="nav" aria-label="Principal" className="asm-nav" gap={4} mt={6} wrap="wrap">
            {links.map((l) => (
              <NavLink key={l.to} to={l.to}>
                {l.label}
              </NavLink>
            ))}
          </Group>
        </Container>
      </Box>
      <Container size="xl" py="md" component="main" id="contenido" tabIndex={-1}>
        <Outlet />
      </Container>
      <Box component="footer" py="md">
        <Container size="xl">
          <Group justify="space-between">
            <Text size="xs" c="gray.7">
              Mecanismo para el seguimiento a los aspectos susceptibles de mejora (CONEVAL, SHCP, SFP).
            </Text>
            <UnstyledButton fz="xs" c="gray.9" td="underline" onClick={() => void leave()}>
              Cerrar sesión
            </UnstyledButton>
          </Group>
        </Container>
      </Box>
    </>
  );
}
