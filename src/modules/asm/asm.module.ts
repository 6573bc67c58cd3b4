import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AsmImportRepository } from './asm-import.repository';
import { AsmRepository } from './asm.repository';
import { AsmService } from './asm.service';

/** ASMs, actions, status machine, promedio. Controllers are mounted by the API module only. */
@Module({
  imports: [IdentityModule],
  providers: [AsmRepository, AsmService, AsmImportRepository],
  exports: [AsmService, AsmRepository, AsmImportRepository],
})
export class AsmModule {}
