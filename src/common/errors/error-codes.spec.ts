import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as catalog from './error-codes';

const enums: [string, Record<string, string>][] = Object.entries(catalog);
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const SRC = join(__dirname, '..', '..');

describe('the catalog of error codes', () => {
  it('gives every code one meaning: no two members, in one enum or in two, share a code string', () => {
    const owners = new Map<string, string[]>();
    for (const [enumName, members] of enums) {
      for (const [member, code] of Object.entries(members)) owners.set(code, [...(owners.get(code) ?? []), `${enumName}.${member}`]);
    }
    const reused = [...owners].filter(([, where]) => where.length > 1).map(([code, where]) => `${code}: ${where.join(', ')}`);
    expect(reused).toEqual([]);
  });

  it('writes every code in UPPER_SNAKE', () => {
    const badlyWritten = enums.flatMap(([enumName, members]) =>
      Object.entries(members)
        .filter(([, code]) => !UPPER_SNAKE.test(code))
        .map(([member, code]) => `${enumName}.${member} = '${code}'`),
    );
    expect(badlyWritten).toEqual([]);
  });

  it('is the only place that declares a code enum (modules re-export theirs from it)', () => {
    const elsewhere = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => join(SRC, file))
      .filter((path) => path !== join(__dirname, 'error-codes.ts') && /export enum \w*ErrorCode\b/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(elsewhere).toEqual([]);
  });
});
