/**
 * Column headings of the official format, in one table an institution can
 * override in settings (reportes.encabezados) to match the exact wording its
 * evaluation unit uses. The defaults print what official-format.md says:
 * "Acciones a Emprender" and, as the published sample does, "Ubicación del
 * Documento Aprobatorio".
 */
export const DEFAULT_HEADINGS = {
  no: 'No.',
  programa: 'Programa',
  asm: 'Aspecto Susceptible de Mejora',
  areaCoordinadora: 'Área Coordinadora',
  acciones: 'Acciones a Emprender',
  actividades: 'Actividades',
  areasResponsables: 'Áreas Responsables',
  areaResponsable: 'Área Responsable',
  fechaTermino: 'Fecha de Término',
  resultados: 'Resultados Esperados',
  productos: 'Productos y/o Evidencias',
  avance: '% de Avance de la Acción',
  nombreDocumento: 'Nombre del Documento Probatorio',
  ubicacionDocumento: 'Ubicación del Documento Aprobatorio',
  observaciones: 'Observaciones',
  mesAnio: 'Mes y Año',
  promedio: 'Promedio',
} as const;

export type HeadingKey = keyof typeof DEFAULT_HEADINGS;
export const HEADING_KEYS = Object.keys(DEFAULT_HEADINGS) as HeadingKey[];

export const EMPTY_CYCLE_SENTENCE = 'No se identificaron aspectos susceptibles de mejora vigentes, es decir, aspectos cuyo avance es menor al 100%.';

/** A commitment document (Documento Institucional / de Trabajo) reports no progress: its empty cycle says only that nothing was committed. */
export const EMPTY_COMMITMENTS_SENTENCE: Record<'institucional' | 'especifico', string> = {
  institucional: 'No se comprometieron aspectos susceptibles de mejora clasificados como institucionales en este periodo.',
  especifico: 'No se comprometieron aspectos susceptibles de mejora clasificados como específicos en este periodo.',
};

export const FOOTER_TEXT =
  'Formato oficial emitido por el Consejo Nacional de Evaluación de la Política de Desarrollo Social (CONEVAL), la Secretaría de Hacienda y Crédito Público (SHCP) y la Secretaría de la Función Pública (SFP) para el Mecanismo para el seguimiento a los aspectos susceptibles de mejora derivados de informes y evaluaciones a los programas federales de la Administración Pública Federal.';

export const TITLE_INSTITUCIONAL =
  'SEGUIMIENTO A ASPECTOS SUSCEPTIBLES DE MEJORA CLASIFICADOS COMO INSTITUCIONALES, DERIVADOS DE INFORMES Y EVALUACIONES EXTERNAS';
export const TITLE_ESPECIFICO = 'SEGUIMIENTO A ASPECTOS SUSCEPTIBLES DE MEJORA CLASIFICADOS COMO ESPECÍFICOS, DERIVADOS DE INFORMES Y EVALUACIONES EXTERNAS';

/** Every variant the importers accept for each column (compared after folding case and accents). */
export const HEADING_VARIANTS: Record<string, string[]> = {
  no: ['No.', 'No', 'Núm.', 'Número'],
  programa: ['Programa'],
  asm: ['Aspecto Susceptible de Mejora', 'Aspectos Susceptibles de Mejora', 'ASM'],
  areaCoordinadora: ['Área Coordinadora'],
  acciones: ['Acciones a Emprender', 'Acciones a Empezar', 'Actividades', 'Acción a Emprender'],
  areasResponsables: ['Áreas Responsables', 'Área Responsable', 'Areas Responsables'],
  fechaTermino: ['Fecha de Término', 'Fecha de termino'],
  resultados: ['Resultados Esperados'],
  productos: ['Productos y/o Evidencias', 'Productos y Evidencias', 'Productos'],
  avance: ['% de Avance de la Acción', '% de Avance', 'Porcentaje de Avance de la Acción', '% de avance de la actividad'],
  nombreDocumento: ['Nombre del Documento Probatorio'],
  ubicacionDocumento: ['Ubicación del Documento Aprobatorio', 'Ubicación del Documento Probatorio'],
  observaciones: ['Observaciones'],
  mesAnio: ['Mes y Año', 'Mes y año'],
  promedio: ['Promedio'],
};
