import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { ActionsRepository } from './actions.repository';
import { AsmImportRepository } from './asm-import.repository';
import { AsmProgress } from './asm-progress';
import { AsmRepository } from './asm.repository';
import { AsmService } from './asm.service';

/**
 * ASMs, actions, status machine, promedio. Other modules read ASMs through
 * AsmRepository's reads and change them only through AsmProgress (the progress
 * workflow) and the importer through AsmImportRepository. Controllers are mounted by the API module only.
 */
@Module({
  imports: [IdentityModule],
  providers: [AsmRepository, ActionsRepository, AsmService, AsmProgress, AsmImportRepository],
  exports: [AsmService, AsmRepository, AsmProgress, AsmImportRepository],
})
export class AsmModule {}
