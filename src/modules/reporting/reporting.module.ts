import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CortesService } from './cortes.service';
import { SnapshotService } from './snapshot.service';
import { SnapshotWriter } from './snapshot.writer';

@Module({
  imports: [IdentityModule],
  providers: [CortesService, SnapshotWriter, SnapshotService],
  exports: [CortesService, SnapshotService],
})
export class ReportingModule {}
