import { Client, TestApp } from './app';
import { Factory } from './factories';

/** A responsable with an avance in borrador of an open cut: where evidence can be uploaded. */
export async function avanceForEvidence(t: TestApp, text = 'ASM'): Promise<{ resp: Client; avanceId: string }> {
  const admin = await t.as(await t.user({ roles: ['administrador'] }));
  const f = new Factory(admin);
  const p = await f.program();
  const cy = await f.cycle('2021-2022');
  const [ca, ra] = [await f.area('Coordinadora'), await f.area('Responsable')];
  const coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ca.id] }));
  const resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ra.id] }));
  const asm = (
    await coord.post('/api/v1/asms', { programId: p.id, cycleId: cy.id, coordinatingAreaId: ca.id, text, classification: 'institucional', actions: [f.action([ra.id])] }).expect(201)
  ).body;
  await coord.post(`/api/v1/asms/${asm.id}/commit`, { version: 1 }).expect(200);
  const evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
  const c = (await evaluacion.post('/api/v1/cortes', { year: 2030, month: 3 }).expect(201)).body;
  await evaluacion.post(`/api/v1/cortes/${c.id}/open`, { version: 1 }).expect(200);
  const avanceId = (await resp.post(`/api/v1/actions/${asm.actions[0].id}/avances`, { percent: 30 }).expect(201)).body.id;
  return { resp, avanceId };
}
