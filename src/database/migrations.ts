import { InitialSchema1795305600000 } from '../../migrations/1795305600000-initial-schema';
import { IdentityAndAudit1795310000000 } from '../../migrations/1795310000000-identity-and-audit';
import { ProgressAndCortes1795320000000 } from '../../migrations/1795320000000-progress-and-cortes';
import { OfficialDocuments1795330000000 } from '../../migrations/1795330000000-official-documents';
import { Reminders1795340000000 } from '../../migrations/1795340000000-reminders';
import { ReminderDeliveryRecovery1796100000000 } from '../../migrations/1796100000000-reminder-delivery-recovery';

/** Every migration, in order. Listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [InitialSchema1795305600000, IdentityAndAudit1795310000000, ProgressAndCortes1795320000000, OfficialDocuments1795330000000, Reminders1795340000000, ReminderDeliveryRecovery1796100000000];
