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

/** Text colours of 4.5:1 or more on white and on the page's gray. */
const AVANCE_COLOR: Record<string, string> = { borrador: '#495057', enviado: '#1c4f8a', devuelto: '#8a4500', aprobado: '#1b5e20', sin_avance: '#5c636a' };

export function AvanceBadge({ status }: { status: string }) {
  return (
    <Badge color={AVANCE_COLOR[status] ?? 'gray.7'} variant="outline" radius="sm" style={{ textTransform: 'none' }}>
      {AVANCE_STATUS[status] ?? status}
    </Badge>
  );
}

export function AsmStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={status === 'cancelado' ? '#a4161a' : status === 'concluido' ? '#1b5e20' : '#691C32'}
      variant="outline"
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {ASM_STATUS[status] ?? status}
    </Badge>
  );
}

export function ProrrogaBadge({ status }: { status: string }) {
  return (
    <Badge
      color={status === 'aprobada' ? '#1b5e20' : status === 'rechazada' ? '#a4161a' : '#1c4f8a'}
      variant="outline"
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {PRORROGA_STATUS[status] ?? status}
    </Badge>
  );
}
