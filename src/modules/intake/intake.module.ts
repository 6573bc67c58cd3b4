import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { ReportingModule } from '../reporting/reporting.module';
import { ImportWriter } from './import-writer.service';
import { ImportService } from './import.service';

/**
 * Imports of existing records (the official format, SHCP's open data). It owns
 * no table: what it writes goes through the repositories the catalog, reporting
 * and asm modules export for imports. Its controller is mounted by the API module.
 */
@Module({
  imports: [IdentityModule, CatalogModule, ReportingModule, AsmModule],
  providers: [ImportService, ImportWriter],
  exports: [ImportService],
})
export class IntakeModule {}
