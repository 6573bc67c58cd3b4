import { formatPromedio, promedio, promedioHundredths } from './promedio';

describe('promedio of an ASM', () => {
  it('is the plain mean of the actions when no weights are set', () => {
    expect(promedio([{ percent: 98 }])).toBe(98);
    expect(promedio([{ percent: 100 }, { percent: 50 }])).toBe(75);
    expect(formatPromedio(promedioHundredths([{ percent: 98 }]))).toBe('98.00%');
    expect(formatPromedio(promedioHundredths([{ percent: 100 }]))).toBe('100.00%');
    expect(formatPromedio(promedioHundredths([{ percent: 0 }]))).toBe('0.00%');
  });

  it('rounds half-up to two decimals, exactly', () => {
    // 100/3 = 33.333… → 33.33; 200/3 = 66.666… → 66.67
    expect(promedio([{ percent: 100 }, { percent: 0 }, { percent: 0 }])).toBe(33.33);
    expect(promedio([{ percent: 100 }, { percent: 100 }, { percent: 0 }])).toBe(66.67);
    // 1/8 = 12.5 exactly stays; 1/16 of 100 = 6.25; 1/32*100 = 3.125 → 3.13 (half-up)
    const eighth = Array.from({ length: 8 }, (_, i) => ({ percent: i === 0 ? 100 : 0 }));
    expect(promedio(eighth)).toBe(12.5);
    const thirtySecond = Array.from({ length: 32 }, (_, i) => ({ percent: i === 0 ? 100 : 0 }));
    expect(promedio(thirtySecond)).toBe(3.13);
    expect(formatPromedio(promedioHundredths(thirtySecond))).toBe('3.13%');
    expect(formatPromedio(promedioHundredths(eighth))).toBe('12.50%');
  });

  it('weights the actions when weights are set', () => {
    expect(
      promedio([
        { percent: 100, weight: 3 },
        { percent: 0, weight: 1 },
      ]),
    ).toBe(75);
    expect(
      promedio([
        { percent: 50, weight: 0.5 },
        { percent: 100, weight: 1.5 },
      ]),
    ).toBe(87.5);
    // unweighted action counts as weight 1
    expect(promedio([{ percent: 100, weight: 2 }, { percent: 40 }])).toBe(80);
    // weighted and rounded: (10*1 + 20*2 + 33*3)/6 = 149/6 = 24.8333 → 24.83
    expect(
      promedio([
        { percent: 10, weight: 1 },
        { percent: 20, weight: 2 },
        { percent: 33, weight: 3 },
      ]),
    ).toBe(24.83);
  });

  it('gives no promedio (and an empty cell) for an ASM without actions', () => {
    expect(promedioHundredths([])).toBeNull();
    expect(promedio([])).toBeNull();
    expect(formatPromedio(null)).toBe('');
  });

  it('refuses impossible inputs instead of printing a wrong figure', () => {
    expect(() => promedio([{ percent: 101 }])).toThrow(RangeError);
    expect(() => promedio([{ percent: 50.5 }])).toThrow(RangeError);
    expect(() => promedio([{ percent: 50, weight: 0 }])).toThrow(RangeError);
  });
});
