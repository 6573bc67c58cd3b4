import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

/** Read models of the web application's work lists (Mis acciones, Revisión). */
@Module({
  imports: [IdentityModule],
  providers: [WorklistRepository, WorklistService],
  exports: [WorklistService],
})
export class WorklistModule {}
