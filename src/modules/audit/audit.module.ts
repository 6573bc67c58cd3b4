import { Module } from '@nestjs/common';
import { AuditAnchors } from './audit-anchors';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({ providers: [AuditRepository, AuditService, AuditAnchors], exports: [AuditService, AuditAnchors] })
export class AuditModule {}
