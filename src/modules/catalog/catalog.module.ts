import { Module } from '@nestjs/common';
import { AreasService } from './areas.service';
import { CatalogImportRepository } from './catalog-import.repository';
import { CyclesService } from './cycles.service';
import { EvaluationsService } from './evaluations.service';
import { InstitutionsService } from './institutions.service';
import { ProgramsService } from './programs.service';

@Module({
  providers: [InstitutionsService, ProgramsService, AreasService, CyclesService, EvaluationsService, CatalogImportRepository],
  exports: [InstitutionsService, ProgramsService, AreasService, CyclesService, EvaluationsService, CatalogImportRepository],
})
export class CatalogModule {}
