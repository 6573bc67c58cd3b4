import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { SettingsModule } from '../settings/settings.module';
import { DocumentsService } from './documents/documents.service';
import { CorteImportRepository } from './corte-import.repository';
import { CortesService } from './cortes.service';
import { SnapshotService } from './snapshot.service';
import { CortesRepository } from './cortes.repository';
import { DocumentsRepository } from './documents/documents.repository';
import { OfficialRowsRepository } from './official-rows.repository';
import { SnapshotRepository } from './snapshot.repository';

@Module({
  imports: [IdentityModule, SettingsModule, AuditModule],
  providers: [
    CortesService,
    SnapshotService,
    DocumentsService,
    CortesRepository,
    OfficialRowsRepository,
    SnapshotRepository,
    DocumentsRepository,
    CorteImportRepository,
  ],
  exports: [CortesService, SnapshotService, DocumentsService, CorteImportRepository],
})
export class ReportingModule {}
