export const CORTE_STATUSES = ['programado', 'abierto', 'cerrado'] as const;
export type CorteStatus = (typeof CORTE_STATUSES)[number];

const MONTHS = ['Enero', 'Febrero', 'Marzo', 'Abril', 'Mayo', 'Junio', 'Julio', 'Agosto', 'Septiembre', 'Octubre', 'Noviembre', 'Diciembre'];

/** "Septiembre-2022": the Mes y Año column of the official format. */
export function monthYearLabel(month: number, year: number): string {
  return `${MONTHS[month - 1]}-${year}`;
}
