import { Module } from '@nestjs/common';
import { AsmModule } from '../asm/asm.module';
import { IdentityModule } from '../identity/identity.module';
import { ProgressModule } from '../progress/progress.module';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { storageProvider } from './storage/storage.provider';
import { UploadLimiter } from './upload-limiter';
import { UploadSlotsRepository } from './upload-slots.repository';

@Module({
  imports: [IdentityModule, AsmModule, ProgressModule],
  providers: [EvidenceRepository, UploadSlotsRepository, EvidenceService, UploadLimiter, storageProvider],
  exports: [EvidenceService, storageProvider],
})
export class EvidenceModule {}
