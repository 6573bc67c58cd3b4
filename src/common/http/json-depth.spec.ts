import { exceedsDepth } from './json-depth';

describe('JSON nesting depth', () => {
  const b = (s: string) => Buffer.from(s);

  it('counts arrays and objects, not brackets inside strings', () => {
    expect(exceedsDepth(b('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(exceedsDepth(b('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(exceedsDepth(b(`{"texto":"${'['.repeat(1000)}"}`), 2)).toBe(false);
    expect(exceedsDepth(b(`{"texto":"\\"${'{'.repeat(50)}"}`), 2)).toBe(false);
  });

  it('stops at the first byte past the limit of a hostile body', () => {
    const hostile = b('['.repeat(100_000) + ']'.repeat(100_000));
    expect(exceedsDepth(hostile, 32)).toBe(true);
    expect(exceedsDepth(b('['.repeat(32) + ']'.repeat(32)), 32)).toBe(false);
  });
});
