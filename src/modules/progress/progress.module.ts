import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { IdentityModule } from '../identity/identity.module';
import { AvanceHistory } from './avance-history';
import { AvancesRepository } from './avances.repository';
import { AvancesService } from './avances.service';
import { ProrrogasRepository } from './prorrogas.repository';
import { ProrrogasService } from './prorrogas.service';

/**
 * Avances and prórrogas; what they change on ASMs and actions goes through the asm module's AsmProgress.
 * AvanceHistory is the evidence module's way into an avance's history.
 */
@Module({
  imports: [IdentityModule, AsmModule],
  providers: [AvancesRepository, AvancesService, AvanceHistory, ProrrogasRepository, ProrrogasService],
  exports: [AvancesService, AvanceHistory, ProrrogasService],
})
export class ProgressModule {}
