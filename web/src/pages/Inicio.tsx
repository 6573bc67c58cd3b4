import { Anchor, List, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { hasRole, useProfile } from '../auth';
import { PageTitle } from '../components/PageTitle';
import { ROLE } from '../labels';

/** Home of the roles whose own screens come in the next part (evaluación, consulta, administración). */
export default function Inicio() {
  const profile = useProfile();
  const reads = hasRole(profile, 'evaluacion', 'consulta');
  return (
    <>
      <PageTitle title={`Hola, ${profile.fullName}`} subtitle={profile.roles.map((r) => ROLE[r] ?? r).join(', ')} />
      <Paper className="asm-card" p="md" maw={760}>
        <Stack gap="sm">
          {reads ? (
            <>
              <Text>Desde aquí puedes consultar:</Text>
              <List spacing="xs">
                <List.Item>
                  <Anchor component={Link} to="/asm">
                    Los Aspectos Susceptibles de Mejora
                  </Anchor>{' '}
                  con sus planes de acción y su promedio.
                </List.Item>
                <List.Item>
                  <Anchor component={Link} to="/acciones">
                    Las acciones
                  </Anchor>
                  , con su semáforo y el estado de su último avance.
                </List.Item>
              </List>
            </>
          ) : (
            <Text>Tu cuenta administra usuarios, catálogos y configuración.</Text>
          )}
          <Text size="sm" c="gray.7">
            {hasRole(profile, 'evaluacion') &&
              'Los cortes, su tablero, los documentos oficiales, la importación y los recordatorios llegan a esta aplicación en su siguiente versión; mientras tanto están en la API (/api/docs). '}
            {hasRole(profile, 'consulta') &&
              'La bitácora y su verificación llegan a esta aplicación en su siguiente versión; mientras tanto están en la API (/api/docs). '}
            {hasRole(profile, 'administrador') &&
              'Las pantallas de administración llegan a esta aplicación en su siguiente versión; mientras tanto usa la API (/api/docs).'}
          </Text>
          <Anchor component={Link} to="/cambiar-contrasena" size="sm">
            Cambiar tu contraseña
          </Anchor>
        </Stack>
      </Paper>
    </>
  );
}
