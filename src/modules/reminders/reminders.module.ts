import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { CandidatesService } from './candidates.service';
import { DeliveryLogRepository } from './delivery-log.repository';
import { DeliveryLogService } from './delivery-log.service';
import { DeliverySweeper } from './delivery-sweeper';
import { MailSender } from './mail-sender.service';
import { NoticesService } from './notices.service';
import { OutboxRelay } from './outbox-relay';
import { RecipientsRepository } from './recipients.repository';
import { ReminderLedgerRepository } from './reminder-ledger.repository';
import { ReminderScanService } from './reminder-scan.service';

/** Reminders and notices: shared services (the worker registers the processors, the API mounts the controller). */
@Module({
  imports: [SettingsModule],
  providers: [
    DeliveryLogRepository,
    ReminderLedgerRepository,
    RecipientsRepository,
    CandidatesService,
    ReminderScanService,
    NoticesService,
    MailSender,
    OutboxRelay,
    DeliverySweeper,
    DeliveryLogService,
  ],
  exports: [ReminderScanService, NoticesService, MailSender, OutboxRelay, DeliverySweeper, DeliveryLogService],
})
export class RemindersModule {}
