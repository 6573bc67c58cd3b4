import { Module } from '@nestjs/common';
import { AuditAnchors } from './audit-anchors';
import { AuditService } from './audit.service';

@Module({ providers: [AuditService, AuditAnchors], exports: [AuditService, AuditAnchors] })
export class AuditModule {}
