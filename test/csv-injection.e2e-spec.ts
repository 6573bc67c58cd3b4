import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DocumentsService } from '../src/modules/reporting/documents/documents.service';
import { appForTests, Client } from './support/app';
import { binary, csvFromSnapshotRows, recordClosedCut } from './support/documents';
import { Factory } from './support/factories';

/**
 * CSV formula injection (OWASP): a cell that starts with =, +, -, @, TAB or
 * CR is read by spreadsheets as a formula. Every CSV the system writes
 * (official documents of an open and of a closed cut, open data of a cut and
 * of the whole history, the cycle documents) is produced here from records whose texts start with each of
 * the six, and no cell of any of them may start with one unless it is a
 * plain number.
 */
const PREFIXES = ['=', '+', '-', '@', '\t', '\r'];
const FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?%?$/;

describe('CSV outputs neutralise formulas', () => {
  const t = appForTests();
  let c: Client;
  let corteId: string;
  let cycleId: string;
  const outputs: Record<string, Buffer> = {};

  beforeAll(async () => {
    const u = await t.user({ roles: ['administrador', 'evaluacion', 'coordinador'] });
    c = await t.as(u);
    const f = Factory.joining(c, t.db, u.id);
    await c.put('/api/v1/settings/institucion.nombre', { value: '=HIPERVINCULO("http://x.invalid";"Instituto")' }).expect(200);
    await c.put('/api/v1/settings/reportes.encabezados', { value: { observaciones: '@Observaciones' } }).expect(200);
    await f.ramo('33', '@Ramo con arroba');
    // The users' (default) institution, renamed with a formula prefix: its cuts and documents are theirs.
    const home = await f.defaultInstitution();
    const inst = (await c.patch(`/api/v1/institutions/${home.id}`, { version: 1, acronym: '=INST', name: 'Institución de prueba' }).expect(200)).body;
    const program = await f.program({ institutionId: inst.id, ramoCode: '33', name: '-2+3+cmd|" /C calc"!A0' });
    cycleId = (await f.cycle('2019-2020')).id;
    const coord = await f.area('-Coordinación con guion');
    const resp = await f.area('@Responsable con arroba');
    const action = (description: string, extra: Record<string, unknown> = {}) => ({
      ...f.action([resp.id]),
      description,
      proofDocumentName: '=Oficio',
      proofDocumentLocation: '+http://ruta.invalid',
      observations: '@SUMA(A1:A9)',
      ...extra,
    });
    for (const classification of ['institucional', 'especifico']) {
      const asm = await f.asm({
        programId: program.id,
        cycleId,
        coordinatingAreaId: coord.id,
        classification,
        topic: 'Tema',
        text: `-1+1 ASM ${classification}`,
        actions: [action('+Acción con más'), action('Acción con números', { observations: '-5', products: '+10' })],
      });
      await c.post(`/api/v1/asms/${asm.id}/commit`, { version: asm.version }).expect(200);
    }
    // TAB and CR cannot arrive through the API (texts are trimmed): put them where importers or older data could.
    await t.db.query(`UPDATE actions SET expected_results = E'\\tResultados', products = CASE WHEN products = '+10' THEN products ELSE E'\\rProductos' END`);
    await t.db.query(`UPDATE asms SET topic = E'\\rTema'`);
    await t.db.query(`UPDATE institutions SET name = E'\\tInstitución' WHERE id = $1`, [inst.id]);

    const corte = (await c.post('/api/v1/cortes', { year: 2022, month: 9 }).expect(201)).body;
    const opened = (await c.post(`/api/v1/cortes/${corte.id}/open`, { version: corte.version }).expect(200)).body;
    corteId = corte.id;
    const get = async (path: string) => (await binary(c.get(path)).expect(200)).body as Buffer;
    for (const kind of ['avance-institucional', 'avance-trabajo', 'datos-abiertos']) {
      outputs[`${kind} (corte abierto)`] = await get(`/api/v1/cortes/${corteId}/documents/${kind}?format=csv`);
    }
    for (const kind of ['documento-institucional', 'documento-trabajo']) {
      outputs[`${kind} (periodo)`] = await get(`/api/v1/cycles/${cycleId}/documents/${kind}?format=csv`);
    }
    outputs['datos-abiertos (historia)'] = await get('/api/v1/documents/datos-abiertos');
    await c.post(`/api/v1/cortes/${corteId}/close`, { version: opened.version, force: true }).expect(200);
    await recordClosedCut(t, corteId);
    for (const kind of ['avance-institucional', 'avance-trabajo', 'datos-abiertos']) {
      outputs[`${kind} (corte cerrado)`] = await get(`/api/v1/cortes/${corteId}/documents/${kind}?format=csv`);
    }
  });

  const cells = (buf: Buffer) => parse(buf, { bom: true, relax_column_count: true, relax_quotes: false }).flat();

  it('writes every kind of CSV the system has (open cut, closed cut, open data, cycle documents)', () => {
    expect(Object.keys(outputs)).toHaveLength(9);
  });

  for (const name of [
    'avance-institucional (corte abierto)',
    'avance-trabajo (corte abierto)',
    'datos-abiertos (corte abierto)',
    'documento-institucional (periodo)',
    'documento-trabajo (periodo)',
    'avance-institucional (corte cerrado)',
    'avance-trabajo (corte cerrado)',
    'datos-abiertos (corte cerrado)',
    'datos-abiertos (historia)',
  ]) {
    it(`${name}: no cell starts a formula; each of the six prefixes is neutralised; numbers stay numbers`, () => {
      const all = cells(outputs[name]);
      const formulas = all.filter((cell) => FORMULA.test(cell) && !PLAIN_NUMBER.test(cell));
      expect(formulas).toEqual([]);
      for (const p of PREFIXES)
        expect({ prefix: JSON.stringify(p), found: all.some((cell) => cell.startsWith(`'${p}`)) }).toEqual({ prefix: JSON.stringify(p), found: true });
      // A number is never turned into text, and texts that are plain numbers keep their value.
      expect(all.filter((cell) => /^'[+-]?\d+(\.\d+)?%?$/.test(cell))).toEqual([]);
      expect(all.some((cell) => /^\d+(\.\d+)?%?$/.test(cell))).toBe(true);
      if (!name.startsWith('datos-abiertos')) expect(all).toContain('+10');
      if (name.startsWith('avance')) expect(all).toContain('-5');
    });
  }

  it("the closed cut's CSV (formatted by COPY) is byte for byte what the row writer gives, prefixes included", async () => {
    for (const kind of ['avance-institucional', 'avance-trabajo'] as const) {
      expect(outputs[`${kind} (corte cerrado)`].toString('utf8')).toEqual((await csvFromSnapshotRows(t.db, corteId, kind)).toString('utf8'));
    }
  });

  describe('closed cuts stay reproducible across the change of writer', () => {
    const recorded = async () =>
      (
        await t.db.query(
          `SELECT id, sha256, writer_version FROM corte_documents WHERE corte_id = $1 AND kind = 'avance-institucional' AND format = 'csv' AND program_id IS NULL`,
          [corteId],
        )
      ).rows[0];
    const revisions = async (documentId: string) =>
      (await t.db.query(`SELECT * FROM corte_document_revisions WHERE corte_document_id = $1 ORDER BY id`, [documentId])).rows;
    const download = async () => (await binary(c.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`)).expect(200)).body as Buffer;

    it('a document first recorded by this writer records its version, and is byte-identical again', async () => {
      const doc = await recorded();
      expect(doc.writer_version).toBe(2);
      expect(
        createHash('sha256')
          .update(await download())
          .digest('hex'),
      ).toBe(doc.sha256);
      expect(await revisions(doc.id)).toEqual([]);
    });

    it('a document recorded by the earlier writer that now differs keeps the old hash on record, with the reason', async () => {
      const doc = await recorded();
      const old = 'a'.repeat(64);
      await t.db.query(`UPDATE corte_documents SET sha256 = $2, size_bytes = 1234, writer_version = 1 WHERE id = $1`, [doc.id, old]);
      // A download only compares; recording the cut again (not a GET) records the explained difference.
      await download();
      expect((await recorded()).sha256).toBe(old);
      await t.app.get(DocumentsService).recordCut(corteId);
      const bytes = await download();
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(await recorded()).toMatchObject({ sha256: sha, writer_version: 2 });
      const [rev] = await revisions(doc.id);
      expect(rev).toMatchObject({
        previous_sha256: old,
        previous_size_bytes: 1234,
        previous_writer_version: 1,
        sha256: sha,
        size_bytes: bytes.length,
        writer_version: 2,
        reason: expect.stringContaining('fórmula'),
      });
      // From then on, the same bytes every time and nothing more recorded.
      expect(
        createHash('sha256')
          .update(await download())
          .digest('hex'),
      ).toBe(sha);
      expect(await revisions(doc.id)).toHaveLength(1);
    });

    it('a difference the writer version does not explain is not recorded as a revision', async () => {
      const doc = await recorded();
      const other = 'b'.repeat(64);
      await t.db.query(`UPDATE corte_documents SET sha256 = $2 WHERE id = $1`, [doc.id, other]);
      await download();
      expect(await recorded()).toMatchObject({ sha256: other, writer_version: 2 });
      expect(await revisions(doc.id)).toHaveLength(1);
      await t.db.query(`UPDATE corte_documents SET sha256 = $2 WHERE id = $1`, [doc.id, doc.sha256]);
    });

    it('the application role cannot rewrite the revisions', async () => {
      const { Client: PgClient } = await import('pg');
      const app = new PgClient({ connectionString: t.config.get('DATABASE_URL') });
      await app.connect();
      try {
        for (const sql of [`UPDATE corte_document_revisions SET reason = 'x'`, `DELETE FROM corte_document_revisions`, `TRUNCATE corte_document_revisions`]) {
          await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
        }
      } finally {
        await app.end();
      }
    });
  });
});
