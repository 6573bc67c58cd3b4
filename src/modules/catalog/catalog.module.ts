import { Module } from '@nestjs/common';
import { AreasRepository } from './areas.repository';
import { AreasService } from './areas.service';
import { CatalogImportRepository } from './catalog-import.repository';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';
import { InstitutionsRepository } from './institutions.repository';
import { InstitutionsService } from './institutions.service';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

const REPOSITORIES = [InstitutionsRepository, ProgramsRepository, AreasRepository, CyclesRepository, EvaluationsRepository, CatalogImportRepository];

@Module({
  providers: [...REPOSITORIES, InstitutionsService, ProgramsService, AreasService, CyclesService, EvaluationsService],
  exports: [...REPOSITORIES, InstitutionsService, ProgramsService, AreasService, CyclesService, EvaluationsService],
})
export class CatalogModule {}
