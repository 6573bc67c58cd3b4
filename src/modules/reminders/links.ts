/*
 * Where e-mails send people: the web application's stable page addresses
 * (web/src/routes.tsx), built from PUBLIC_BASE_URL. A visit without a session
 * signs in first and then lands on the same page.
 */
export function webLinks(publicBaseUrl: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return {
    home: () => `${base}/`,
    action: (id: string) => `${base}/acciones/${id}`,
    review: (avanceId: string) => `${base}/revision/${avanceId}`,
    prorroga: (id: string) => `${base}/prorrogas/${id}`,
    corte: (id: string) => `${base}/cortes/${id}`,
  };
}
