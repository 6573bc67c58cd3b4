import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { IdentityModule } from '../identity/identity.module';
import { AvancesService } from './avances.service';
import { ProrrogasService } from './prorrogas.service';

@Module({
  imports: [IdentityModule, AsmModule],
  providers: [AvancesService, ProrrogasService],
  exports: [AvancesService, ProrrogasService],
})
export class ProgressModule {}
