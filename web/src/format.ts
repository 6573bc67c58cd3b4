/*
 * es-MX conventions of the whole application (web.md): dates dd/mm/aaaa,
 * numbers with the Mexican separators (1,234.5), percentages as the official
 * format prints them (98.00%).
 */
const number = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('es-MX', {
  timeZone: 'America/Mexico_City',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 'YYYY-MM-DD' (a calendar date of the API) → 'dd/mm/aaaa'. */
export function fecha(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant → 'dd/mm/aaaa hh:mm' in Mexico City. */
export function fechaHora(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  return dateTime.format(new Date(iso)).replace(',', '');
}

export function numero(n: number): string {
  return number.format(n);
}

/** An action's %: whole numbers as reported ("60 %"). */
export function porcentaje(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${number.format(n)} %`;
}

/** The official promedio text: two decimals and the sign attached ("98.00%"). */
export function promedio(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${n.toFixed(2)}%`;
}

export function tamano(bytes: number): string {
  if (bytes < 1024) return `${numero(bytes)} B`;
  if (bytes < 1024 * 1024) return `${numero(Math.round(bytes / 102.4) / 10)} KB`;
  return `${numero(Math.round(bytes / (1024 * 102.4)) / 10)} MB`;
}

export function diasHabiles(n: number | null): string {
  if (n === null) return '—';
  if (n === 0) return 'Vence hoy';
  if (n < 0) return `${numero(-n)} ${n === -1 ? 'día hábil' : 'días hábiles'} de atraso`;
  return `${numero(n)} ${n === 1 ? 'día hábil' : 'días hábiles'}`;
}
