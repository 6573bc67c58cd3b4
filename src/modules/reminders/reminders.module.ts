import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { CandidatesRepository } from './candidates.repository';
import { DeliveryLogService } from './delivery-log.service';
import { DeliverySweeper } from './delivery-sweeper';
import { MailSender } from './mail-sender.service';
import { NoticesService } from './notices.service';
import { OutboxRelay } from './outbox-relay';
import { ReminderScanService } from './reminder-scan.service';

/** Reminders and notices: shared services (the worker registers the processors, the API mounts the controller). */
@Module({
  imports: [SettingsModule],
  providers: [CandidatesRepository, ReminderScanService, NoticesService, MailSender, OutboxRelay, DeliverySweeper, DeliveryLogService],
  exports: [ReminderScanService, NoticesService, MailSender, OutboxRelay, DeliverySweeper, DeliveryLogService],
})
export class RemindersModule {}
