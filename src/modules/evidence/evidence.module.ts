import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { IdentityModule } from '../identity/identity.module';
import { EvidenceService } from './evidence.service';
import { storageProvider } from './storage/storage.provider';
import { UploadLimiter } from './upload-limiter';

@Module({
  imports: [IdentityModule, AsmModule],
  providers: [EvidenceService, UploadLimiter, storageProvider],
  exports: [EvidenceService, storageProvider],
})
export class EvidenceModule {}
