import { webLinks } from './links';

describe('links in e-mails', () => {
  it('point to the web application pages, never to the JSON API', () => {
    const l = webLinks('https://asm.imss.gob.mx/');
    expect([l.home(), l.action('a1'), l.review('v1'), l.prorroga('p1'), l.corte('c1')]).toEqual([
      'https://asm.imss.gob.mx/',
      'https://asm.imss.gob.mx/acciones/a1',
      'https://asm.imss.gob.mx/revision/v1',
      'https://asm.imss.gob.mx/prorrogas/p1',
      'https://asm.imss.gob.mx/cortes/c1',
    ]);
  });

  it('keep a path prefix of PUBLIC_BASE_URL (a deployment behind /asm)', () => {
    expect(webLinks('https://intranet.gob.mx/asm').action('a1')).toBe('https://intranet.gob.mx/asm/acciones/a1');
  });
});
