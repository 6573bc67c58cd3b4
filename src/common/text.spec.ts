import { foldText, nameKey, squish } from './text';

describe('name normalisation', () => {
  it('matches the hand-typed variants of the reference sample', () => {
    const canonical = nameKey('Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios');
    expect(nameKey('Coordinación de Planeación Estratégica, Evaluación y Padrón de Beneficiarios.')).toBe(canonical);
    expect(nameKey('Coordinación de Planeación Estratégica, Evaluación y Padrón de beneficiarios')).toBe(canonical);
    expect(nameKey('  Coordinacion de Planeacion  Estrategica, Evaluacion y Padron de Beneficiarios ')).toBe(canonical);
    expect(nameKey('Coordinación de Finanzas e Infraestructura')).not.toBe(canonical);
  });

  it('folds text for accent-insensitive search and squishes white space', () => {
    expect(foldText('Padrón\nde  BENEFICIARIOS')).toBe('padron de beneficiarios');
    expect(squish(' a \n\t b ')).toBe('a b');
  });
});
