/** The official and user-facing names of the API's enumerations (docs/glossary.md). */
export const ASM_STATUS: Record<string, string> = {
  borrador: 'Borrador',
  comprometido: 'Comprometido',
  en_proceso: 'En proceso',
  concluido: 'Concluido',
  cancelado: 'Cancelado',
};

export const AVANCE_STATUS: Record<string, string> = {
  sin_avance: 'Sin avance',
  borrador: 'Borrador',
  enviado: 'Enviado a revisión',
  devuelto: 'Devuelto',
  aprobado: 'Aprobado',
};

export const PRORROGA_STATUS: Record<string, string> = {
  solicitada: 'Solicitada',
  aprobada: 'Aprobada',
  rechazada: 'Rechazada',
};

export const SEMAFORO: Record<string, { label: string; color: string }> = {
  // Dark tones: white text on them keeps a contrast of 4.5:1 or more.
  vencida: { label: 'Vencida', color: '#a4161a' },
  por_vencer: { label: 'Vence en ≤ 7 días', color: '#8a4500' },
  en_tiempo: { label: 'En tiempo', color: '#1b5e20' },
  concluida: { label: 'Concluida', color: '#495057' },
  inactiva: { label: 'Sin seguimiento', color: '#5c636a' },
};

export const CLASSIFICATION: Record<string, string> = {
  especifico: 'Específico',
  institucional: 'Institucional',
  interinstitucional: 'Interinstitucional',
  intergubernamental: 'Intergubernamental',
};

export const PRIORITY: Record<string, string> = { alta: 'Alta', media: 'Media', baja: 'Baja', nd: 'N/D' };

export const IMPROVEMENT_TYPE: Record<string, string> = {
  corrige: 'Corrige',
  modifica: 'Modifica',
  reorienta: 'Reorienta',
  adiciona: 'Adiciona',
  fundamenta: 'Fundamenta',
};

export const ROLE: Record<string, string> = {
  administrador: 'Administración',
  evaluacion: 'Unidad de evaluación',
  coordinador: 'Área coordinadora',
  responsable: 'Área responsable',
  consulta: 'Consulta',
  consulta_global: 'Consulta global (SHCP, CONEVAL)',
  sistema: 'Sistema',
};

export const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
