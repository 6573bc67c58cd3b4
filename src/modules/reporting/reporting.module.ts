import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { SettingsModule } from '../settings/settings.module';
import { DocumentsService } from './documents/documents.service';
import { CorteImportRepository } from './corte-import.repository';
import { CortesService } from './cortes.service';
import { SnapshotService } from './snapshot.service';
import { SnapshotWriter } from './snapshot.writer';

@Module({
  imports: [IdentityModule, SettingsModule, AuditModule],
  providers: [CortesService, SnapshotWriter, SnapshotService, DocumentsService, CorteImportRepository],
  exports: [CortesService, SnapshotService, DocumentsService, CorteImportRepository],
})
export class ReportingModule {}
