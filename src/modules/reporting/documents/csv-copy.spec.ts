import { PassThrough, Readable } from 'node:stream';
import { writeSnapshotCsv } from './csv-copy';
import type { DocumentHeader } from './model';

/*
 * writeSnapshotCsv turns COPY's records (LF, the program id first) into the document's (CRLF, the program's
 * number first). COPY hands them over in chunks of any size, so every split of the same bytes, at every
 * position (inside a program id, inside a quoted field, between CR and LF of a quoted CRLF), must give the
 * same document.
 */
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const COPY_2023 = [`${A},"Programa, con coma","Dos\nrenglones",x\n`, `${A},P,"Con ""comillas""",\n`, `${B},P,"Con\r\nCRLF",y\n`, `${A},P,z,"\n"\n`].join('');
const COPY_2022 = `${B},P,a,b\n${B},P,c,d\n`;

const header: DocumentHeader = {
  titleLines: ['Título', 'Institución', 'Documento'],
  headings: ['No.', 'Programa', 'ASM', 'Otro'],
  yearLine: 'Año de elaboración: 2024',
  footer: 'Pie',
  emptySentence: 'Sin aspectos',
  preview: false,
};

async function documentFrom(chunks: Record<string, Buffer[]>): Promise<string> {
  const out = new PassThrough();
  const read: Buffer[] = [];
  out.on('data', (c: Buffer) => read.push(c));
  // 2021-2022 has no rows: its COPY gives nothing.
  const source = { cycleRecords: (label: string) => Readable.from(chunks[label] ?? []) };
  await writeSnapshotCsv(source, out, header, ['2023-2024', '2021-2022', '2022-2023']);
  out.end();
  return Buffer.concat(read).toString('utf8');
}

const whole = (s: string) => [Buffer.from(s)];
const splitAt = (s: string, i: number) => [Buffer.from(s).subarray(0, i), Buffer.from(s).subarray(i)].filter((b) => b.length > 0);

describe('the closed cut CSV from COPY', () => {
  it('numbers the programs per cycle, each change of program a new number, and ends records in CRLF', async () => {
    const doc = await documentFrom({ '2023-2024': whole(COPY_2023), '2022-2023': whole(COPY_2022) });
    expect(doc).toBe(
      [
        '\ufeffTítulo\r\nInstitución\r\nDocumento\r\n',
        '\r\nPeriodo 2023-2024\r\nNo.,Programa,ASM,Otro\r\n',
        '1,"Programa, con coma","Dos\nrenglones",x\r\n',
        '1,P,"Con ""comillas""",\r\n',
        '2,P,"Con\r\nCRLF",y\r\n',
        '3,P,z,"\n"\r\n',
        '\r\nPeriodo 2021-2022\r\nSin aspectos\r\n',
        '\r\nPeriodo 2022-2023\r\nNo.,Programa,ASM,Otro\r\n',
        '1,P,a,b\r\n1,P,c,d\r\n',
        '\r\nPie\r\nAño de elaboración: 2024\r\n',
      ].join(''),
    );
    expect(doc).not.toContain(A);
    expect(doc).not.toContain(B);
  });

  it('gives the same document however COPY splits its records into chunks', async () => {
    const expected = await documentFrom({ '2023-2024': whole(COPY_2023), '2022-2023': whole(COPY_2022) });
    const bytes = Buffer.from(COPY_2023).length;
    for (let i = 1; i < bytes; i++) {
      expect(await documentFrom({ '2023-2024': splitAt(COPY_2023, i), '2022-2023': splitAt(COPY_2022, i % 20) })).toBe(expected);
    }
    const oneByteEach = [...Buffer.from(COPY_2023)].map((b) => Buffer.from([b]));
    expect(await documentFrom({ '2023-2024': oneByteEach, '2022-2023': whole(COPY_2022) })).toBe(expected);
  });

  it.each([
    ['inside a record’s first field', `${A},P,x,y\n${B.slice(0, 10)}`],
    ['inside a quoted field', `${A},P,x,y\n${B},P,"Dos\nren`],
    ['after a record without its line feed', `${A},P,x,y\n${B},P,z,w`],
  ])('refuses a COPY that ends %s', async (_case, copy) => {
    await expect(documentFrom({ '2023-2024': whole(copy), '2022-2023': whole(COPY_2022) })).rejects.toThrow('COPY terminó a mitad de un registro del CSV.');
  });

  it('takes empty chunks anywhere, a carried first field included', async () => {
    const expected = await documentFrom({ '2023-2024': whole(COPY_2023), '2022-2023': whole(COPY_2022) });
    const bytes = Buffer.from(COPY_2023);
    const withEmpties = [bytes.subarray(0, 5), Buffer.alloc(0), bytes.subarray(5, 20), Buffer.alloc(0), Buffer.alloc(0), bytes.subarray(20), Buffer.alloc(0)];
    expect(await documentFrom({ '2023-2024': withEmpties, '2022-2023': [Buffer.alloc(0), ...whole(COPY_2022)] })).toBe(expected);
  });
});
