import { InitialSchema1795305600000 } from '../../migrations/1795305600000-initial-schema';
import { IdentityAndAudit1795310000000 } from '../../migrations/1795310000000-identity-and-audit';
import { ProgressAndCortes1795320000000 } from '../../migrations/1795320000000-progress-and-cortes';
import { OfficialDocuments1795330000000 } from '../../migrations/1795330000000-official-documents';
import { Reminders1795340000000 } from '../../migrations/1795340000000-reminders';
import { AuditFunctionsPinned1796000000000 } from '../../migrations/1796000000000-audit-functions-pinned';
import { AuditConnection1796000100000 } from '../../migrations/1796000100000-audit-connection';
import { AuditAnchors1796000200000 } from '../../migrations/1796000200000-audit-anchors';
import { SearchOwnFields1796000300000 } from '../../migrations/1796000300000-search-own-fields';
import { DocumentWriterVersions1796000400000 } from '../../migrations/1796000400000-document-writer-versions';
import { ReminderDeliveryRecovery1796100000000 } from '../../migrations/1796100000000-reminder-delivery-recovery';
import { PasswordChangeRequired1796200000000 } from '../../migrations/1796200000000-password-change-required';
import { UploadSlots1796300000000 } from '../../migrations/1796300000000-upload-slots';
import { InstitutionScope1796400000000 } from '../../migrations/1796400000000-institution-scope';
import { ShcpFidelity1796500000000 } from '../../migrations/1796500000000-shcp-fidelity';
import { SnapshotCycleIndex1796600000000 } from '../../migrations/1796600000000-snapshot-cycle-index';

/** Every migration, in order. Listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [
  InitialSchema1795305600000,
  IdentityAndAudit1795310000000,
  ProgressAndCortes1795320000000,
  OfficialDocuments1795330000000,
  Reminders1795340000000,
  AuditFunctionsPinned1796000000000,
  AuditConnection1796000100000,
  AuditAnchors1796000200000,
  SearchOwnFields1796000300000,
  DocumentWriterVersions1796000400000,
  ReminderDeliveryRecovery1796100000000,
  PasswordChangeRequired1796200000000,
  UploadSlots1796300000000,
  InstitutionScope1796400000000,
  ShcpFidelity1796500000000,
  SnapshotCycleIndex1796600000000,
];
