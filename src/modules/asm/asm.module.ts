import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { AsmRepository } from './asm.repository';
import { AsmService } from './asm.service';

/** ASMs, actions, status machine, promedio. Controllers are mounted by the API module only. */
@Module({
  imports: [IdentityModule],
  providers: [AsmRepository, AsmService],
  exports: [AsmService, AsmRepository],
})
export class AsmModule {}
