export const AVANCE_STATUSES = ['borrador', 'enviado', 'aprobado', 'devuelto'] as const;
export type AvanceStatus = (typeof AVANCE_STATUSES)[number];

export const AVANCE_EVENTS = ['creado', 'editado', 'enviado', 'devuelto', 'aprobado', 'evidencia_agregada', 'evidencia_retirada'] as const;
export type AvanceEventName = (typeof AVANCE_EVENTS)[number];

export const PRORROGA_STATUSES = ['solicitada', 'aprobada', 'rechazada'] as const;
export type ProrrogaStatus = (typeof PRORROGA_STATUSES)[number];
