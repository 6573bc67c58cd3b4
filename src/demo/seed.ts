import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AsmService } from '../modules/asm/asm.service';
import { AreasService } from '../modules/catalog/areas.service';
import { CyclesService } from '../modules/catalog/cycles.service';
import { InstitutionsService } from '../modules/catalog/institutions.service';
import { ProgramsService } from '../modules/catalog/programs.service';
import { SYSTEM_ACTOR } from '../modules/identity/actor';
import { UsersService } from '../modules/identity/users.service';
import { DEMO_PASSWORD, SEED_AREAS, SEED_ASMS, SEED_CYCLES, SEED_INSTITUTION, SEED_PROGRAM, SEED_PROGRAM_NAMES, SEED_RAMO, SEED_USERS } from './seed-data';

/**
 * Loads the reference sample through the same services the API uses. Runs once:
 * a database that already holds program S-038 is left as it is.
 */
export async function seedDemo(app: INestApplicationContext): Promise<boolean> {
  const log = new Logger('Demo');
  const ds = app.get(DataSource);
  const exists = await ds.query(`SELECT 1 FROM programs WHERE ramo_code = $1 AND modality = $2 AND code = $3`, [
    SEED_PROGRAM.ramoCode,
    SEED_PROGRAM.modality,
    SEED_PROGRAM.code,
  ]);
  const done = await ds.query(`SELECT 1 FROM settings WHERE key = 'demo.seeded'`);
  if (done.length) {
    log.log('Los datos de demostración ya están cargados.');
    return false;
  }
  if (exists.length) {
    throw new Error('La base de datos tiene datos de demostración incompletos (una carga anterior se interrumpió). Borra la carpeta .data/ y vuelve a ejecutar npm run demo.');
  }
  const institutions = app.get(InstitutionsService);
  const programs = app.get(ProgramsService);
  const areas = app.get(AreasService);
  const cycles = app.get(CyclesService);
  const asms = app.get(AsmService);

  await institutions.createRamo(SEED_RAMO);
  const imss = await institutions.create(SEED_INSTITUTION);
  const [first, ...renames] = SEED_PROGRAM_NAMES;
  let program = await programs.create({ ...SEED_PROGRAM, institutionId: imss.id, name: first.name, nameValidFrom: first.validFrom });
  for (const r of renames) program = await programs.update(program.id, { version: program.version, name: r.name, nameValidFrom: r.validFrom });

  const areaId = new Map<string, string>();
  for (const name of SEED_AREAS) areaId.set(name, (await areas.create({ name })).id);
  const cycleId = new Map<string, string>();
  for (const label of [...SEED_CYCLES].reverse()) cycleId.set(label, (await cycles.create({ label })).id);

  for (const s of SEED_ASMS) {
    const created = await asms.create({
      programId: program.id,
      cycleId: cycleId.get(s.cycle)!,
      text: s.text,
      classification: 'institucional',
      coordinatingAreaId: areaId.get(s.coordinatingArea)!,
      actions: s.actions.map(({ responsibleAreas, ...a }) => ({ ...a, responsibleAreaIds: responsibleAreas.map((n) => areaId.get(n)!) })),
    }, SYSTEM_ACTOR);
    const committed = await asms.commit(created.id, created.version, SYSTEM_ACTOR);
    // The sample is a snapshot of history: its ASMs were committed years ago and
    // have progressed since. Record that state as it stood at the September 2022 cut.
    const status = committed.promedio === 100 ? 'concluido' : 'en_proceso';
    await ds.query(`UPDATE asms SET status = $2, concluded_at = CASE WHEN $2 = 'concluido' THEN '2022-09-30T23:59:59-06:00'::timestamptz END, version = version + 1 WHERE id = $1`, [
      created.id,
      status,
    ]);
  }
  const users = app.get(UsersService);
  for (const u of SEED_USERS) {
    await users.create({ email: u.email, fullName: u.fullName, roles: u.roles, areaIds: u.areas.map((n) => areaId.get(n)!), password: DEMO_PASSWORD });
  }
  await ds.query(`INSERT INTO settings (key, value) VALUES ('demo.seeded', to_jsonb(now()))`);
  log.log(`Datos de demostración cargados: programa ${program.key}, ${SEED_AREAS.length} áreas, ${SEED_CYCLES.length} periodos, ${SEED_ASMS.length} ASM, ${SEED_USERS.length} usuarios.`);
  return true;
}
