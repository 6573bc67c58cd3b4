import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { SettingsModule } from '../settings/settings.module';
import { DocumentsService } from './documents/documents.service';
import { ImportService } from './importers/import.service';
import { ImportWriter } from './importers/import-writer';
import { CortesService } from './cortes.service';
import { SnapshotService } from './snapshot.service';
import { SnapshotWriter } from './snapshot.writer';

@Module({
  imports: [IdentityModule, SettingsModule, AuditModule],
  providers: [CortesService, SnapshotWriter, SnapshotService, DocumentsService, ImportService, ImportWriter],
  exports: [CortesService, SnapshotService, DocumentsService, ImportService],
})
export class ReportingModule {}
