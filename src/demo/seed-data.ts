/**
 * Demo data: the program, areas, cycles and the 8 ASMs of IMSS's published
 * "Avance del Documento Institucional", September 2022 cut (program S-038
 * IMSS-BIENESTAR), typed here as data. Source: the reference sample of the
 * official format (docs/official-format.md). Area names are the canonical
 * records the sample's hand-typed cells refer to.
 */
export interface SeedAction {
  description: string;
  responsibleAreas: string[];
  dueDate: string;
  expectedResults: string;
  products: string;
  percent: number;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  observations: string;
}

export interface SeedAsm {
  cycle: string;
  text: string;
  coordinatingArea: string;
  actions: SeedAction[];
}

export const SEED_INSTITUTION = { acronym: 'IMSS', name: 'Instituto Mexicano del Seguro Social' };
export const SEED_RAMO = { code: '19', name: 'Aportaciones a Seguridad Social' };
export const SEED_PROGRAM = { ramoCode: '19', modality: 'S', code: '038', name: 'Programa IMSS-BIENESTAR' };

/** Earlier names of S-038, kept in the program's name history. */
export const SEED_PROGRAM_NAMES = [
  { name: 'Programa IMSS-Oportunidades', validFrom: '1900-01-01' },
  { name: 'Programa IMSS-PROSPERA', validFrom: '2014-09-08' },
  { name: 'Programa IMSS-BIENESTAR', validFrom: '2018-12-01' },
];

export const SEED_AREAS = [
  'Coordinación de Planeación, Evaluación y Sistemas de Información',
  'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
  'Coordinación de Finanzas e Infraestructura',
  'Coordinación de Acción Comunitaria',
  'Coordinación de Atención Integral a la Salud',
  'Coordinación de Acciones Comunitarias y Participación Ciudadana para la Salud',
];

/** Newest first, down to the oldest cycle the sample prints. */
export const SEED_CYCLES = [
  '2021-2022',
  '2020-2021',
  '2019-2020',
  '2018-2019',
  '2017-2018',
  '2016-2017',
  '2015-2016',
  '2014-2015',
  '2013-2014',
  '2012-2013',
  '2011-2012',
  '2010-2011',
];

/** The September 2022 cut the sample reports. */
export const SEED_CORTE = { year: 2022, month: 9, cutoffDate: '2022-09-30' };
/** The cut that follows, left open so that the demo's responsible areas can report and coordinators review. */
export const SEED_NEXT_CORTE = { year: 2023, month: 3, cutoffDate: '2023-03-31' };

export const SEED_ASMS: SeedAsm[] = [
  {
    cycle: '2021-2022',
    text: 'Estandarizar el Programa de Trabajo de la Coordinación de Finanzas e Infraestructura (CFI) para contar con la planeación completa de sus acciones.',
    coordinatingArea: 'Coordinación de Planeación, Evaluación y Sistemas de Información',
    actions: [
      {
        description: 'Elaborar el Programa de Trabajo de la Coordinación de Finanzas e Infraestructura.',
        responsibleAreas: ['Coordinación de Finanzas e Infraestructura'],
        dueDate: '2022-09-30',
        expectedResults:
          'Programa de trabajo integrado y organizado con las metas y objetivos alineados a las prioridades de la Unidad del Programa IMSS-BIENESTAR para fortalecer el proceso de planeación y desarrollo de actividades.',
        products: 'Programa de Trabajo de la CFI 2022',
        percent: 98,
        proofDocumentName: null,
        proofDocumentLocation: null,
        observations: 'Se cuenta con el Programa de Trabajo, se está en espera de autorización para su difusión.',
      },
    ],
  },
  {
    cycle: '2021-2022',
    text: 'Implementar estrategias novedosas de interacción entre la población objetivo y los servicios de salud del Programa, mediante una comunicación digitalizada, de carácter eminentemente preventivo, con el objetivo de proporcionar en forma simultánea, permanente, económica y a distancia, información relevante.',
    coordinatingArea: 'Coordinación de Planeación, Evaluación y Sistemas de Información',
    actions: [
      {
        description:
          '1. Crear una comunidad cerrada y privada en Facebook para el personal institucionalizado de acción comunitaria. 2. Construir un repositorio para material de apoyo a las actividades de promoción de la salud del personal institucional (Supervisores y Promotores de Acción Comunitaria) con la organización comunitaria.',
        responsibleAreas: ['Coordinación de Acción Comunitaria'],
        dueDate: '2023-12-29',
        expectedResults:
          'Fortalecer las actividades de promoción de la salud del personal de acción comunitaria con medios electrónicos con la organización comunitaria.',
        products: 'Captura de pantalla del grupo. Ejemplos de publicaciones destacadas y comentarios emitidos. Relación de material cargado en el repositorio.',
        percent: 100,
        proofDocumentName: 'Captura de pantalla del grupo, ejemplos de publicaciones destacadas, relación de material cargado en el repositorio.',
        proofDocumentLocation: 'Se anexa documento.',
        observations:
          'Se crearon dos comunidades virtuales de fácil acceso para el personal institucional del Programa IMSS-BIENESTAR, en los cuales se cuenta con apartados específicos de acción comunitaria para la descarga electrónica de documentación y material visual de forma permanente: Banco de imágenes de IMSS-BIENESTAR (BIIB) y Biblioteca Electrónica de IMSS-BIENESTAR (BEIB). Asimismo, se creó un repositorio Intranet que alberga diversos materiales de promoción y difusión sobre las diferentes estrategias comunitarias. Aunado a lo anterior, se abrieron grupos de Whats App de difusión de materiales técnicos y de promoción para el personal institucional (Supervisores y Promotores de Acción Comunitaria); y estos a su vez, crearon grupos para la organización comunitaria a efecto de divulgar mensajes de salud. Con respecto a la creación de una comunidad cerrada y privada en Facebook para el personal institucionalizado no se consideró factible por razones de seguridad de la información y porque con lo descrito se cubre la necesidad de difusión de materiales técnicos y de promoción.',
      },
    ],
  },
  {
    cycle: '2021-2022',
    text: 'Revisar las metas y fórmulas de cálculo vigentes de los indicadores asociados a la MIR, para valorar la necesidad de su ajuste, eliminación o adición.',
    coordinatingArea: 'Coordinación de Planeación, Evaluación y Sistemas de Información',
    actions: [
      {
        description: 'Aplicar los ajustes procedentes con base en los recursos técnicos, humanos y financieros disponibles.',
        responsibleAreas: [
          'Coordinación de Atención Integral a la Salud',
          'Coordinación de Acción Comunitaria',
          'Coordinación de Finanzas e Infraestructura',
          'Coordinación de Planeación, Evaluación y Sistemas de Información',
        ],
        dueDate: '2022-09-30',
        expectedResults: 'Indicadores actualizados que sirvan de herramientas para valorar el desempeño del Programa.',
        products: 'Fichas técnicas de los indicadores con adecuación o adición.',
        percent: 100,
        proofDocumentName: 'Fichas técnicas de los indicadores.',
        proofDocumentLocation: 'Se anexan documentos.',
        observations:
          'Derivado de las recomendaciones emitidas en el informe final de la Evaluación de Consistencia y Resultados 2020-2021, se aplicaron ajustes en las fichas técnicas de los siguientes indicadores: Razón de mortalidad materna y Porcentaje de surtimiento completo de recetas médicas. Con respecto a los indicadores, Porcentaje de personas derivadas por parteras voluntarias y Porcentaje de personas asesoradas y derivadas a la unidad médica por Voluntarios de Salud y Voluntarios fueron eliminados de la MIR 2023 debido a que ambos cumplieron su objetivo de fortalecer la identificación y derivación de pacientes a la unidad médica. El indicador de parteras fue sustituido por Porcentaje de embarazadas derivadas por parteras voluntarias en el primer trimestre de embarazo para atención y consulta, el cual está orientado a favorecer el inicio del control prenatal en el primer trimestre gestacional a efecto de que los equipos de salud puedan identificar oportunamente factores de riesgo y/o complicaciones, con el cambio se transita a un indicador de mayor impacto.',
      },
    ],
  },
  {
    cycle: '2020-2021',
    text: 'Robustecer la supervisión y asesoría del personal operativo en las entidades en donde opera el Programa.',
    coordinatingArea: 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
    actions: [
      {
        description:
          'Rediseñar las cédulas de supervisión (planeación, finanzas y acción comunitaria). Fortalecer la normatividad en materia de fondos fijos y traspaso de costos. Seguimiento a los niveles de inventario en los Hospitales Rurales. Seguimiento a los inmuebles, instalaciones, equipos médicos y electromecánicos Analizar el avance de la contratación y administración de los Servicios Subrogados; así como la administración del parque vehicular.',
        responsibleAreas: [
          'Coordinación de Finanzas e Infraestructura',
          'Coordinación de Acciones Comunitarias y Participación Ciudadana para la Salud',
          'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
        ],
        dueDate: '2021-12-31',
        expectedResults: 'Mejorar el mecanismo de supervisión y asesoría del Programa IMSS-BIENESTAR.',
        products: 'Cédulas de supervisión. Documentos normativos. Informes y reportes. Comunicaciones internas de carácter oficial.',
        percent: 100,
        proofDocumentName: 'Cédulas de supervisión. Documentos normativos. Informes y reportes. Comunicaciones internas de carácter oficial.',
        proofDocumentLocation: 'Se anexan documentos.',
        observations:
          'Si bien la supervisión y asesoría es un proceso consolidado, con la presente actualización de las cédulas de supervisión por proceso sustantivo, adecuación de documentos normativos, simplificación administrativa en materia de seguimiento a los inmuebles, instalaciones, equipos médicos y electromecánicos se da continuidad a las estrategias y acciones en pro de mejorar la atención médica y participación comunitaria en el cuidado de la salud.',
      },
    ],
  },
  {
    cycle: '2020-2021',
    text: 'Actualizar en el censo de mujeres en edad fértil, el riesgo reproductivo y el método anticonceptivo usado.',
    coordinatingArea: 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
    actions: [
      {
        description: 'Actualización del censo de mujeres en edad fértil: 1. Durante las consultas. 2. A través de visitas domiciliarias.',
        responsibleAreas: ['Coordinación de Atención Integral a la Salud', 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios'],
        dueDate: '2022-06-30',
        expectedResults:
          'Incluir en el censo de mujeres en edad fértil el riesgo reproductivo y método anticonceptivo por Unidad Médica Rural y Hospital Rural. Actualizar el censo de mujeres en edad fértil en un 80% de las unidades médicas de IMSS BIENESTAR de las siguientes entidades: Baja California, Campeche, Estado de México, Guerrero y Nayarit.',
        products: 'Reporte del Censo de mujeres en edad fértil por entidad. Formatos de registro.',
        percent: 100,
        proofDocumentName: 'Ejemplos: Censo de mujeres en edad fértil.',
        proofDocumentLocation: 'Se anexan documentos.',
        observations:
          'Se generaron y actualizaron 227 censos de mujeres en edad fértil de las unidades médicas de primer y segundo nivel de los Organos de Operación Administrativa Desconcentrada de Baja California, Campeche, Guerrero, México Poniente y Nayarit',
      },
    ],
  },
  {
    cycle: '2019-2020',
    text: 'Dar continuidad a la certificación de los Hospitales Rurales del Programa IMSS-BIENESTAR por parte del Consejo de Salubridad General (CSG)',
    coordinatingArea: 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
    actions: [
      {
        description: 'Mantener el proceso de certificación de los Hospitales Rurales.',
        responsibleAreas: ['Coordinación de Atención Integral a la Salud'],
        dueDate: '2024-12-31',
        expectedResults:
          'Implementar progresivamente el Modelo de Seguridad del Paciente en los Hospitales Rurales; 6 en 2021, posteriormente 10 en promedio durante el periodo 2022-2024.',
        products: 'Dictamen de Certificación que emite el Consejo de Salubridad General.',
        percent: 33,
        proofDocumentName: null,
        proofDocumentLocation: null,
        observations:
          'El proceso de certificación y recertificación de los hospitales programados para 2022 se efectuará durante el último cuatrimestre del año, por consiguiente se mantiene el porcentaje de avance en el cumplimiento.',
      },
    ],
  },
  {
    cycle: '2019-2020',
    text: 'Fortalecer la capacitación del personal médico en salud materna y perinatal.',
    coordinatingArea: 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
    actions: [
      {
        description: 'Reforzar la capacitación en salud materna y perinatal a personal médico de primero y segundo nivel de atención.',
        responsibleAreas: ['Coordinación de Atención Integral a la Salud'],
        dueDate: '2024-12-31',
        expectedResults:
          'Fortalecer la calidad de los servicios de salud otorgados en las unidades médicas del Programa IMSS-BIENESTAR para contribuir en el mejoramiento del nivel de salud y calidad de vida de las mujeres, sus recién nacidos y familias.',
        products:
          'Número de personal capacitado, Certificados, Relación de los cursos. Serie histórica 2018-2024 del número de muertes maternas y tasa de mortalidad neonatal.',
        percent: 45,
        proofDocumentName: null,
        proofDocumentLocation: null,
        observations:
          'Se reporta un avance modesto debido a que la capacitación sobre salud materna y perinatal se dirige al personal becario y de nuevo ingreso; además de que se está priorizando la capacitación del personal de salud de las unidades médicas de las entidades que decidieron transferir sus servicios de salud a IMSS-BIENESTAR.',
      },
    ],
  },
  {
    cycle: '2018-2019',
    text: 'Actualizar el Diagnóstico del Programa con un documento integrador de la evidencia generada por el Programa a lo largo de su período de operación.',
    coordinatingArea: 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
    actions: [
      {
        description: 'Actualizar el diagnóstico del Programa.',
        responsibleAreas: [
          'Coordinación de Atención Integral a la Salud',
          'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios',
          'Coordinación de Acciones Comunitarias y Participación Ciudadana para la Salud',
          'Coordinación de Finanzas e Infraestructura',
        ],
        dueDate: '2020-12-31',
        expectedResults: 'Análisis, definición y caracterización sobre la evolución y estado actual de la problemática a resolver de IMSS-BIENESTAR.',
        products: 'Diagnóstico.',
        percent: 36,
        proofDocumentName: null,
        proofDocumentLocation: null,
        observations: 'Se mantiene porcentaje de avance.',
      },
    ],
  },
];

/** One demo user per role (password in the README). */
export const DEMO_PASSWORD = 'Demo-ASM-2022';
export const SEED_USERS: {
  email: string;
  fullName: string;
  roles: ('administrador' | 'evaluacion' | 'coordinador' | 'responsable' | 'consulta')[];
  areas: string[];
}[] = [
  { email: 'admin@demo.gob.mx', fullName: 'Administración del sistema', roles: ['administrador'], areas: [] },
  { email: 'evaluacion@demo.gob.mx', fullName: 'Unidad de Evaluación', roles: ['evaluacion'], areas: [] },
  {
    email: 'coordinador@demo.gob.mx',
    fullName: 'Coordinación de Planeación',
    roles: ['coordinador'],
    areas: ['Coordinación de Planeación, Evaluación y Sistemas de Información', 'Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios'],
  },
  {
    email: 'responsable@demo.gob.mx',
    fullName: 'Analista de Atención Integral a la Salud',
    roles: ['responsable'],
    areas: ['Coordinación de Atención Integral a la Salud'],
  },
  { email: 'consulta@demo.gob.mx', fullName: 'Órgano Interno de Control', roles: ['consulta'], areas: [] },
];
