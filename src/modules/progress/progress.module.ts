import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { IdentityModule } from '../identity/identity.module';
import { AvancesRepository } from './avances.repository';
import { AvancesService } from './avances.service';
import { ProrrogasRepository } from './prorrogas.repository';
import { ProrrogasService } from './prorrogas.service';

/** Avances and prórrogas; what they change on ASMs and actions goes through the asm module's AsmProgress. */
@Module({
  imports: [IdentityModule, AsmModule],
  providers: [AvancesRepository, AvancesService, ProrrogasRepository, ProrrogasService],
  exports: [AvancesService, ProrrogasService],
})
export class ProgressModule {}
