import { ClientRequest, IncomingMessage, OutgoingHttpHeaders, request as httpRequest } from 'node:http';
import { Client, TestApp } from './app';
import { committedAsm, Factory, openCut } from './factories';

/** A responsable with an avance in borrador of an open cut: where evidence can be uploaded. */
export async function avanceForEvidence(t: TestApp, text = 'ASM'): Promise<{ resp: Client; avanceId: string }> {
  const admin = await t.as(await t.user({ roles: ['administrador'] }));
  const f = new Factory(admin);
  const p = await f.program();
  const cy = await f.cycle('2021-2022');
  const [ca, ra] = [await f.area('Coordinadora'), await f.area('Responsable')];
  const coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ca.id] }));
  const resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ra.id] }));
  const asm = await committedAsm(coord, { programId: p.id, cycleId: cy.id, coordinatingAreaId: ca.id, text, actions: [f.action([ra.id])] });
  await openCut(t);
  const avanceId = (await resp.post(`/api/v1/actions/${asm.actions[0].id}/avances`, { percent: 30 }).expect(201)).body.id;
  return { resp, avanceId };
}

/** The bytes around one file of a multipart upload (field "file", a PDF named `fileName`). */
export function multipartParts(boundary: string, fileName: string): { head: Buffer; tail: Buffer } {
  return {
    head: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
  };
}

/** A raw upload request to POST /api/v1/avances/:id/evidence of the API on `port`, as `token`; the caller writes the body. */
export function evidenceRequest(
  o: { port: number; avanceId: string; token: string; boundary: string; headers: OutgoingHttpHeaders },
  onResponse?: (res: IncomingMessage) => void,
): ClientRequest {
  return httpRequest(
    {
      host: '127.0.0.1',
      port: o.port,
      method: 'POST',
      path: `/api/v1/avances/${o.avanceId}/evidence`,
      headers: { Authorization: `Bearer ${o.token}`, 'Content-Type': `multipart/form-data; boundary=${o.boundary}`, ...o.headers },
    },
    onResponse,
  );
}
