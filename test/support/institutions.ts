import type { Client, TestApp } from './app';
import type { Factory } from './factories';

/**
 * A second institution, BETA, beside the default one (A): a coordinating and a responsible area in
 * each (zA, xA, zB, xB), an evaluation unit in each and a deployment-wide reader (consulta_global).
 */
export async function twoInstitutions(t: TestApp, admin: Client, f: Factory) {
  const instB = (await admin.post('/api/v1/institutions', { acronym: 'BETA', name: 'Comisión Beta de Vivienda' }).expect(201)).body.id as string;
  const [zA, xA, zB, xB] = [
    await f.area('Coordinación Alfa'),
    await f.area('Responsable Alfa'),
    await f.area('Coordinación Beta'),
    await f.area('Responsable Beta'),
  ];
  await t.db.query(`UPDATE areas SET institution_id = $1 WHERE id = ANY($2::uuid[])`, [instB, [zB.id, xB.id]]);
  const evalA = await t.as(await t.user({ roles: ['evaluacion'] }));
  const evalB = await t.as(await t.user({ roles: ['evaluacion'], institutionId: instB }));
  const global = await t.as(await t.user({ roles: ['consulta_global'] }));
  return { instB, zA, xA, zB, xB, evalA, evalB, global };
}
