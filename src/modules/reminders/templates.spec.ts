import { renderDigest, renderNotice } from './templates';

describe('e-mail templates', () => {
  const common = { name: 'Ana <script>', institution: 'Instituto Mexicano del Seguro Social', baseUrl: 'https://asm.example.gob.mx' };

  it('renders a digest in Spanish, HTML-escaped, with a plain-text version', () => {
    const r = renderDigest({
      ...common,
      subject: 'Recordatorios',
      date: '22/11/2026',
      sections: [
        {
          title: 'Acciones por vencer',
          items: [{ title: 'Elaborar <el> programa', detail: 'Vence el 30/11/2026 (en 8 días).', link: 'https://asm.example.gob.mx/acciones/1' }],
        },
      ],
    });
    expect(r.html).toContain('Hola, Ana &lt;script&gt;:');
    expect(r.html).toContain('Elaborar &lt;el&gt; programa');
    expect(r.html).toContain('<a href="https://asm.example.gob.mx/acciones/1">');
    expect(r.text).toContain('Hola, Ana <script>:');
    expect(r.text).toContain('- Elaborar <el> programa\n  Vence el 30/11/2026 (en 8 días).');
    expect(r.text).toContain('Instituto Mexicano del Seguro Social');
  });

  it('says how many more items a section has than it lists', () => {
    const r = renderDigest({
      ...common,
      subject: 'Recordatorios',
      date: '22/11/2026',
      sections: [{ title: 'Acciones vencidas', items: [{ title: 'Una', detail: 'Venció', link: 'https://x/1' }], more: 41 }],
    });
    expect(r.html).toContain('<li>… y 41 más: consúltalos en el sistema.</li>');
    expect(r.text).toContain('- … y 41 más: consúltalos en el sistema.');
    const none = renderDigest({
      ...common,
      subject: 'R',
      date: '22/11/2026',
      sections: [{ title: 'S', items: [{ title: 'Una', detail: 'D', link: 'https://x/1' }], more: 0 }],
    });
    expect(none.text).not.toContain('más:');
  });

  it('renders a notice', () => {
    const r = renderNotice({ ...common, subject: 'Avance devuelto', lead: 'Tu avance fue devuelto.', detail: 'Motivo: falta evidencia', link: 'https://x/1' });
    expect(r.text).toContain('Tu avance fue devuelto.\n\nMotivo: falta evidencia');
    expect(r.html).toContain('<p>Motivo: falta evidencia</p>');
  });
});
