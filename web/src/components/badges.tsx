import { Badge } from '@mantine/core';
import { ASM_STATUS, AVANCE_STATUS, PRORROGA_STATUS, SEMAFORO } from '../labels';

/** A status in the app's badge style: small radius, text as written (no capitals). */
function StatusBadge({ color, variant = 'outline', children }: { color: string; variant?: 'filled' | 'outline'; children: React.ReactNode }) {
  return (
    <Badge color={color} variant={variant} radius="sm" style={{ textTransform: 'none' }}>
      {children}
    </Badge>
  );
}

export function SemaforoBadge({ value }: { value: string }) {
  const s = SEMAFORO[value] ?? { label: value, color: 'gray.7' };
  return (
    <StatusBadge color={s.color} variant="filled">
      {s.label}
    </StatusBadge>
  );
}

/** Text colours of 4.5:1 or more on white and on the page's gray. */
const AVANCE_COLOR: Record<string, string> = { borrador: '#495057', enviado: '#1c4f8a', devuelto: '#8a4500', aprobado: '#1b5e20', sin_avance: '#5c636a' };
const ASM_COLOR: Record<string, string> = { cancelado: '#a4161a', concluido: '#1b5e20' };
const PRORROGA_COLOR: Record<string, string> = { aprobada: '#1b5e20', rechazada: '#a4161a' };

export function AvanceBadge({ status }: { status: string }) {
  return <StatusBadge color={AVANCE_COLOR[status] ?? 'gray.7'}>{AVANCE_STATUS[status] ?? status}</StatusBadge>;
}

export function AsmStatusBadge({ status }: { status: string }) {
  return <StatusBadge color={ASM_COLOR[status] ?? '#691C32'}>{ASM_STATUS[status] ?? status}</StatusBadge>;
}

export function ProrrogaBadge({ status }: { status: string }) {
  return <StatusBadge color={PRORROGA_COLOR[status] ?? '#1c4f8a'}>{PRORROGA_STATUS[status] ?? status}</StatusBadge>;
}
