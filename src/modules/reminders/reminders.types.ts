export const DELIVERY_STATUSES = ['en_cola', 'enviado', 'fallido_temporal', 'fallido_permanente'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
