import { INestApplicationContext, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AsmImportRepository } from '../modules/asm/asm-import.repository';
import { AsmService } from '../modules/asm/asm.service';
import { AreasService } from '../modules/catalog/areas.service';
import { CyclesService } from '../modules/catalog/cycles.service';
import { InstitutionsService } from '../modules/catalog/institutions.service';
import { ProgramsRepository } from '../modules/catalog/programs.repository';
import { ProgramsService } from '../modules/catalog/programs.service';
import { SYSTEM_ACTOR } from '../modules/identity/actor';
import { UsersService } from '../modules/identity/users.service';
import { SettingsRepository } from '../modules/settings/settings.repository';
import { SettingsService } from '../modules/settings/settings.service';
import { CortesService } from '../modules/reporting/cortes.service';
import {
  DEMO_PASSWORD,
  SEED_AREAS,
  SEED_ASMS,
  SEED_CORTE,
  SEED_CYCLES,
  SEED_NEXT_CORTE,
  SEED_INSTITUTION,
  SEED_PROGRAM,
  SEED_PROGRAM_NAMES,
  SEED_RAMO,
  SEED_USERS,
} from './seed-data';

/** The setting that records when the sample was loaded. */
const SEEDED = 'demo.seeded';

/**
 * Loads the reference sample through the same services the API uses. Runs once:
 * a database that already holds program S-038 is left as it is.
 */
export async function seedDemo(app: INestApplicationContext): Promise<boolean> {
  const log = new Logger('Demo');
  const ds = app.get(DataSource);
  const settings = app.get(SettingsRepository);
  const exists = await app.get(ProgramsRepository).existsByKey(ds, SEED_PROGRAM);
  if (await settings.has(SEEDED)) {
    log.log('Los datos de demostración ya están cargados.');
    return false;
  }
  if (exists) {
    throw new Error(
      'La base de datos tiene datos de demostración incompletos (una carga anterior se interrumpió). Borra la carpeta .data/ y vuelve a ejecutar npm run demo.',
    );
  }
  const institutions = app.get(InstitutionsService);
  const programs = app.get(ProgramsService);
  const areas = app.get(AreasService);
  const cycles = app.get(CyclesService);
  const asms = app.get(AsmService);

  await institutions.createRamo(SEED_RAMO);
  // The demo's institution is the deployment's default one (the one its cuts and users belong to).
  const byDefault = await institutions.defaultInstitution();
  const imss = await institutions.update(byDefault.id, { ...SEED_INSTITUTION, version: byDefault.version });
  const [first, ...renames] = SEED_PROGRAM_NAMES;
  let program = await programs.create({ ...SEED_PROGRAM, institutionId: imss.id, name: first.name, nameValidFrom: first.validFrom });
  for (const r of renames) program = await programs.update(program.id, { version: program.version, name: r.name, nameValidFrom: r.validFrom });

  const areaId = new Map<string, string>();
  for (const name of SEED_AREAS) areaId.set(name, (await areas.create({ name }, null)).id);
  const cycleId = new Map<string, string>();
  for (const label of [...SEED_CYCLES].reverse()) cycleId.set(label, (await cycles.create({ label })).id);

  await app.get(SettingsService).set('institucion.nombre', SEED_INSTITUTION.name);

  // The September 2022 cut the sample reports, opened while its progress is recorded.
  const cortes = app.get(CortesService);
  let corte = await cortes.create(SEED_CORTE, SYSTEM_ACTOR);
  corte = await cortes.open(corte.id, corte.version, SYSTEM_ACTOR);

  for (const s of SEED_ASMS) {
    const created = await asms.create(
      {
        programId: program.id,
        cycleId: cycleId.get(s.cycle)!,
        text: s.text,
        classification: 'institucional',
        coordinatingAreaId: areaId.get(s.coordinatingArea)!,
        actions: s.actions.map(({ responsibleAreas, ...a }) => ({ ...a, responsibleAreaIds: responsibleAreas.map((n) => areaId.get(n)!) })),
      },
      SYSTEM_ACTOR,
    );
    const committed = await asms.commit(created.id, created.version, SYSTEM_ACTOR);
    // The sample is a snapshot of history: its percentages were approved in past
    // cuts. Record the state at the September 2022 cut: those at 100 % reached it
    // in that cut (they appear in its report one last time).
    const concluded = committed.promedio === 100;
    await app.get(AsmImportRepository).recordHistoricalState(ds, created.id, concluded, corte.id, '2022-09-30T23:59:59-06:00');
  }
  await cortes.close(corte.id, { version: corte.version }, SYSTEM_ACTOR);
  const next = await cortes.create(SEED_NEXT_CORTE, SYSTEM_ACTOR);
  await cortes.open(next.id, next.version, SYSTEM_ACTOR);

  const users = app.get(UsersService);
  for (const u of SEED_USERS) {
    await users.create({ email: u.email, fullName: u.fullName, roles: u.roles, areaIds: u.areas.map((n) => areaId.get(n)!), password: DEMO_PASSWORD }, null);
  }
  await settings.stamp(SEEDED);
  log.log(
    `Datos de demostración cargados: programa ${program.key}, ${SEED_AREAS.length} áreas, ${SEED_CYCLES.length} periodos, ${SEED_ASMS.length} ASM, ${SEED_USERS.length} usuarios.`,
  );
  return true;
}
