import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export default function NoEncontrada() {
  return (
    <Stack>
      <PageTitle title="Página no encontrada" />
      <Text>La dirección no corresponde a ninguna pantalla. Revisa la liga o vuelve al inicio.</Text>
      <Button component={Link} to="/" style={{ alignSelf: 'flex-start' }}>
        Ir al inicio
      </Button>
    </Stack>
  );
}
