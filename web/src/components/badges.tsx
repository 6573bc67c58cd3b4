import { Badge } from '@mantine/core';
import { ASM_STATUS, AVANCE_STATUS, PRORROGA_STATUS, SEMAFORO } from '../labels';

export function SemaforoBadge({ value }: { value: string }) {
  const s = SEMAFORO[value] ?? { label: value, color: 'gray.7' };
  return (
    <Badge color={s.color} variant="filled" radius="sm" style={{ textTransform: 'none' }}>
      {s.label}
    </Badge>
  );
}

const AVANCE_COLOR: Record<string, string> = { borrador: 'gray.7', enviado: 'blue.8', devuelto: 'orange.9', aprobado: 'green.9', sin_avance: 'gray.6' };

export function AvanceBadge({ status }: { status: string }) {
  return (
    <Badge color={AVANCE_COLOR[status] ?? 'gray.7'} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {AVANCE_STATUS[status] ?? status}
    </Badge>
  );
}

export function AsmStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={status === 'cancelado' ? 'red.9' : status === 'concluido' ? 'green.9' : 'guinda.8'} variant="outline" radius="sm" style={{ textTransform: 'none' }}>
      {ASM_STATUS[status] ?? status}
    </Badge>
  );
}

export function ProrrogaBadge({ status }: { status: string }) {
  return (
    <Badge color={status === 'aprobada' ? 'green.9' : status === 'rechazada' ? 'red.9' : 'blue.8'} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {PRORROGA_STATUS[status] ?? status}
    </Badge>
  );
}
